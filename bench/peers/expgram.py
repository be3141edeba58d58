#!/usr/bin/python3
"""numpy peer of ExpGramBench: y = exp(A @ A.T) @ x with the n x n kernel materialised.

Usage: flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/expgram.py [n ...]
Prints, per n (d = 64, same data distribution as the JMH benchmark), the median time of one
product and of a block of 8 right-hand sides, over repeated runs. OpenBLAS uses all cores
(2 on the project machine) unless OPENBLAS_NUM_THREADS says otherwise.
"""
import statistics
import sys
import time

import numpy as np


def median_time(f, reps):
    f()  # warm-up
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [8192]
    d = 64
    rng = np.random.default_rng(11)
    for n in sizes:
        a = (2 * rng.random((n, d)) - 1) / np.sqrt(d)
        x1 = 2 * rng.random(n) - 1
        x8 = 2 * rng.random((n, 8)) - 1
        reps = 7 if n <= 8192 else 3
        for name, x in (("matvec", x1), ("block8", x8)):
            med, lo, hi = median_time(lambda: np.exp(a @ a.T) @ x, reps)
            flops = 2.0 * n * n * d
            print(f"numpy exp(A@A.T)@x  n={n} d={d} {name}: median {med * 1e3:.1f} ms "
                  f"(min {lo * 1e3:.1f}, max {hi * 1e3:.1f}, {reps} runs), counted {flops / med * 1e-9:.1f} GFLOP/s")
        med, lo, hi = median_time(lambda: a @ a.T, reps)
        print(f"numpy A@A.T (DGEMM) n={n} d={d}: median {med * 1e3:.1f} ms, {2.0 * n * n * d / med * 1e-9:.1f} GFLOP/s")


if __name__ == "__main__":
    main()
