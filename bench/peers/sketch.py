#!/usr/bin/python3
"""numpy peers of the sketching benchmarks, on the JMH classes' shapes (protocol:
bench/peers/peerlib.py):

  FwhtBench.fwht           in-place FWHT of 2^logN doubles, radix-2 stages as reshaped vector
                           add/sub (the usual numpy formulation)
  SketchBench.countSketch  CountSketch of A (n×d) to m rows: np.add.at scatter ("numpy add.at", not
                           in the quick profile) and the faster sort-free bincount-per-column form
                           ("numpy")
  SketchBench.readPass     a.sum(), numpy's read pass over A

These numpy operations run on one thread whatever OPENBLAS_NUM_THREADS says, so the script reports
at --threads 1 only and leaves ``threads`` out of the parameters: each line stands beside the JMH
rows of every thread count.
Run alone: flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/sketch.py
"""
import numpy as np

import peerlib

AKR_PEER_PROTOCOL = 1


def fwht(x):
    n = x.shape[0]
    h = 1
    while h < n:
        v = x.reshape(-1, 2, h)
        a = v[:, 0, :].copy()
        v[:, 0, :] += v[:, 1, :]
        v[:, 1, :] = a - v[:, 1, :]
        h *= 2
    return x


def main():
    args = peerlib.parse_args(__doc__)
    peerlib.emit_meta(numpy=np.__version__)
    if args.threads != 1:
        return
    rng = np.random.default_rng(7)
    # correctness of the peer itself on a small case
    x = rng.standard_normal(8)
    h = np.array([[(-1) ** bin(i & j).count("1") for j in range(8)] for i in range(8)], dtype=float)
    assert np.allclose(fwht(x.copy()), h @ x)
    for log_n in peerlib.jmh_params("FwhtBench", logN=[20, 24])["logN"]:
        x = rng.standard_normal(1 << int(log_n))
        # the transform is applied to the same array every call (as in the JMH class); its norm grows
        # by 2^(logN/2) per call and may reach ±inf/NaN in long runs, which does not slow SSE/AVX
        peerlib.emit("FwhtBench.fwht", {"logN": log_n},
                     peerlib.median_seconds(lambda: fwht(x), args.min_time),
                     "numpy", "radix-2 stages as reshaped add/sub, 1 thread")

    sp = peerlib.jmh_params("SketchBench", n=1_000_000, d=64, m=256)
    for ns in sp["n"]:
        for ds in sp["d"]:
            n, d = int(ns), int(ds)
            a = rng.standard_normal((n, d))
            for ms in sp["m"]:
                m = int(ms)
                buckets = rng.integers(0, m, n)
                signs = rng.choice([-1.0, 1.0], n)

                def count_sketch_add_at():
                    out = np.zeros((m, d))
                    np.add.at(out, buckets, a * signs[:, None])
                    return out

                def count_sketch_bincount():
                    sa = a * signs[:, None]
                    return np.stack([np.bincount(buckets, weights=sa[:, j], minlength=m) for j in range(d)], axis=1)

                # the two forms agree (checked on the first rows: add.at takes seconds on all of A)
                k = min(n, 20000)
                out = np.zeros((m, d))
                np.add.at(out, buckets[:k], a[:k] * signs[:k, None])
                assert np.allclose(out, np.stack([np.bincount(buckets[:k], weights=a[:k, j] * signs[:k], minlength=m)
                                                  for j in range(d)], axis=1))
                params = {"n": ns, "d": ds, "m": ms}
                peerlib.emit("SketchBench.countSketch", params,
                             peerlib.median_seconds(count_sketch_bincount, args.min_time),
                             "numpy", "np.bincount per column, 1 thread")
                if peerlib.profile() != "quick":  # the slower form; "numpy" above is the peer
                    peerlib.emit("SketchBench.countSketch", params,
                                 peerlib.median_seconds(count_sketch_add_at, args.min_time),
                                 "numpy add.at", "np.add.at scatter, 1 thread")
            if not peerlib.skipped("SketchBench.readPass"):
                peerlib.emit("SketchBench.readPass", {"n": ns, "d": ds},
                             peerlib.median_seconds(a.sum, args.min_time), "numpy", "a.sum(), 1 thread")
            del a


if __name__ == "__main__":
    main()
