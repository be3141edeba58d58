#!/usr/bin/python3
"""scipy peer of akr.bench.attention.AttentionSolverBench (protocol: bench/peers/peerlib.py).

The route a numpy/scipy user takes for (exp(A Aᵀ) + λI) x = b: materialise K (numpy), then
scipy.linalg.cho_factor / cho_solve. Same problem family as the Java benchmark: A = randn·d^(-1/4)
with λ = 0 ("attention"), A = randn/√d with λ = 1e-2 ("randn"), b Gaussian (the values differ from
the Java side's, the timings do not). The note carries the relative residual. Sizes: the JMH class's
n (2000, 8192, 16384; the params file's in a smoke or quick run). K needs 8·n² bytes plus a
temporary of the same size (n = 16384: 4.3 GB); sizes needing more than MAX_BYTES (12 GiB, half
this 24 GB machine: n = 32768 would need 17 GB) are skipped and the report shows the peer as
missing there. One peer line per (n, d, scaling) stands beside every route and preconditioner of
the JMH rows. Reported at 2 threads only (the JMH class runs on 2).

Run alone: OPENBLAS_NUM_THREADS=2 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/attention.py --threads 2
"""
import numpy as np
import scipy.linalg as sla

import peerlib

AKR_PEER_PROTOCOL = 1
# K and the temporary of exp(A @ A.T): 16·n² bytes at most
MAX_BYTES = 12 * 2 ** 30


def solve(a, b, lam):
    k = np.exp(a @ a.T)
    if lam:
        k[np.diag_indices_from(k)] += lam
    c = sla.cho_factor(k, lower=False, overwrite_a=True, check_finite=False)
    return sla.cho_solve(c, b, check_finite=False)


def main():
    args = peerlib.parse_args(__doc__)
    if args.threads != 2:
        return
    peerlib.emit_meta(numpy=np.__version__, blas=peerlib.numpy_blas())
    params = peerlib.jmh_params("AttentionSolverBench", n=[2000, 8192, 16384], d=[64])
    for n in (int(v) for v in params["n"]):
        if 16.0 * n * n > MAX_BYTES:
            print(f"attention.py: n = {n} skipped: K and its temporary need {16.0 * n * n / 1e9:.1f} GB", flush=True)
            continue
        for d in (int(v) for v in params["d"]):
            for scaling, lam in (("attention", 0.0), ("randn", 1e-2)):
                rng = np.random.default_rng(7)
                s = d ** -0.25 if scaling == "attention" else d ** -0.5
                a = rng.standard_normal((n, d)) * s
                b = rng.standard_normal(n)
                last = {}

                def timed():
                    last["x"] = solve(a, b, lam)

                med = peerlib.median_seconds(timed, args.min_time, samples=3)
                x = last["x"]
                k = np.exp(a @ a.T)
                res = float(np.linalg.norm(k @ x + lam * x - b) / np.linalg.norm(b))
                del k
                peerlib.emit("AttentionSolverBench.solve", {"n": n, "d": d, "scaling": scaling}, med, "scipy",
                             f"exp(A@A.T), cho_factor, cho_solve; relative residual {res:.2e}")


if __name__ == "__main__":
    main()
