#!/usr/bin/python3
"""numpy peer of akr.bench.gemv.GemvBench: A @ x and A.T @ y for a C-ordered float64 A of n×d
(10⁶×64, 512 MB), the BLAS dgemv numpy calls, plus a.sum() as numpy's read pass. Reported for the
thread count bench/run limited OpenBLAS to. Protocol: bench/peers/peerlib.py.

Run alone: OPENBLAS_NUM_THREADS=2 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/gemv.py --threads 2
"""
import numpy as np

import peerlib

AKR_PEER_PROTOCOL = 1
N, D = 1_000_000, 64  # GemvBench's @Param n and d


def main():
    args = peerlib.parse_args(__doc__)
    peerlib.emit_meta(numpy=np.__version__, blas=peerlib.numpy_blas())
    rng = np.random.default_rng(7)
    a = rng.random((N, D)) - 0.5
    xd = rng.random(D)
    xn = rng.random(N)
    # the peer computes what the kernel computes
    assert np.allclose(a[:1000] @ xd, [row @ xd for row in a[:1000]])
    params = {"n": N, "d": D, "threads": args.threads}
    peerlib.emit("GemvBench.gemvN", params, peerlib.median_seconds(lambda: a @ xd, args.min_time),
                 "numpy", "A @ x (dgemv)")
    peerlib.emit("GemvBench.gemvT", params, peerlib.median_seconds(lambda: a.T @ xn, args.min_time),
                 "numpy", "A.T @ x (dgemv)")
    if not peerlib.skipped("GemvBench.readPass"):
        peerlib.emit("GemvBench.readPass", params, peerlib.median_seconds(a.sum, args.min_time),
                     "numpy", "A.sum()")


if __name__ == "__main__":
    main()
