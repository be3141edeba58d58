#!/usr/bin/python3
"""numpy peer of akr.bench.expgram.ExpGramBench: the kernel materialised, then multiplied, on the
JMH class's shapes (protocol: bench/peers/peerlib.py). Per n (d = 64, the same data distribution
as the JMH class) and form, the median time of

  ExpGramBench.matvec  EXP: np.exp(a @ a.T) @ x;  GAUSSIAN: exp(a @ a.T − h_i − h_j) @ x with
                       h = ‖a_i‖²/2, i.e. exp(−‖a_i − a_j‖²/2); and a @ a.T alone (the DGEMM,
                       "numpy A@A.T only", a lower bound of the materialising route)
  ExpGramBench.block8  the same with a block X of 8 right-hand sides

The materialised n×n kernel needs two n×n temporaries (16·n² bytes); sizes needing more than
4 GiB (n = 32768: 17 GB) are skipped, so the report shows the peer as missing there.
ExpGramBench runs on 2 threads only, so the script reports at --threads 2 (OPENBLAS_NUM_THREADS=2)
and prints nothing for other thread counts.
Run alone: OPENBLAS_NUM_THREADS=2 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/expgram.py --threads 2
"""
import numpy as np

import peerlib

AKR_PEER_PROTOCOL = 1
THREADS = 2  # ExpGramBench's @Param threads
MAX_BYTES = 4 * 2 ** 30


def gaussian(a, h):
    g = a @ a.T
    g -= h[:, None]
    g -= h[None, :]
    return np.exp(g, out=g)


def main():
    args = peerlib.parse_args(__doc__)
    if args.threads != THREADS:
        return
    peerlib.emit_meta(numpy=np.__version__, blas=peerlib.numpy_blas())
    p = peerlib.jmh_params("ExpGramBench", n=[8192, 32768], d=64, form=["EXP", "GAUSSIAN"])
    rng = np.random.default_rng(11)
    for ns in p["n"]:
        for ds in p["d"]:
            n, d = int(ns), int(ds)
            if 16.0 * n * n > MAX_BYTES:
                print(f"expgram.py: n={n} skipped, the materialised kernel needs {16.0 * n * n / 2 ** 30:.0f} GiB")
                continue
            a = (2 * rng.random((n, d)) - 1) / np.sqrt(d)
            h = 0.5 * np.einsum("ij,ij->i", a, a)
            x1 = 2 * rng.random(n) - 1
            x8 = 2 * rng.random((n, 8)) - 1
            i = 3
            assert np.isclose(gaussian(a, h)[i] @ x1, np.exp(-0.5 * ((a - a[i]) ** 2).sum(axis=1)) @ x1)
            for form in p["form"]:
                params = {"n": ns, "d": ds, "threads": args.threads, "form": form}
                for benchmark, x in (("ExpGramBench.matvec", x1), ("ExpGramBench.block8", x8)):
                    if form == "EXP":
                        f, note = (lambda: np.exp(a @ a.T) @ x), "np.exp(a @ a.T) @ x"
                    elif form == "GAUSSIAN":
                        f, note = (lambda: gaussian(a, h) @ x), "exp(a @ a.T - h_i - h_j) @ x"
                    else:
                        continue
                    peerlib.emit(benchmark, params, peerlib.median_seconds(f, args.min_time), "numpy", note)
            # the same for both forms: no "form", so the line stands beside both matvec rows
            peerlib.emit("ExpGramBench.matvec", {"n": ns, "d": ds, "threads": args.threads},
                         peerlib.median_seconds(lambda: a @ a.T, args.min_time),
                         "numpy A@A.T only", "the DGEMM alone, without exp and product")
            del a


if __name__ == "__main__":
    main()
