#!/usr/bin/python3
"""numpy peer of akr.bench.blas1.DotBench: np.dot of two float64 vectors of n (in cache), on the
same sizes as the JMH class. Single-threaded by nature at these sizes, so reported at --threads 1
only. Protocol: bench/peers/peerlib.py.

Run alone: OPENBLAS_NUM_THREADS=1 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/blas1.py
"""
import numpy as np

import peerlib

AKR_PEER_PROTOCOL = 1
SIZES = (1024, 16384)  # DotBench's @Param n


def main():
    args = peerlib.parse_args(__doc__)
    peerlib.emit_meta(numpy=np.__version__, blas=peerlib.numpy_blas())
    if args.threads != 1:
        return
    rng = np.random.default_rng(1)
    for n in SIZES:
        x = rng.random(n)
        y = rng.random(n)
        assert abs(np.dot(x, y) - sum(a * b for a, b in zip(x.tolist(), y.tolist()))) <= 1e-12 * n
        t = peerlib.median_seconds(lambda: np.dot(x, y), args.min_time)
        peerlib.emit("DotBench.dot", {"n": n}, t, "numpy", "np.dot(x, y)")


if __name__ == "__main__":
    main()
