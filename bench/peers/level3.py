#!/usr/bin/python3
"""numpy/OpenBLAS peer for the level-3 benchmarks (GemmBench, TallSkinnyBench).

Setup (Debian): apt-get update && apt-get install -y python3-numpy python3-scipy
Run:   flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/level3.py [threads ...]
Each thread count runs in a fresh interpreter with OPENBLAS_NUM_THREADS set (OpenBLAS reads it at
load time). Prints the median and min of repeated timings in milliseconds, like JMH's avgt.
"""
import os
import subprocess
import sys

CHILD = r'''
import time, statistics, numpy as np, scipy.linalg.blas as blas
def timeit(f, reps):
    f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(ts), min(ts)
rng = np.random.default_rng(7)
n = 2048
a = rng.random((n, n)) - 0.5; b = rng.random((n, n)) - 0.5; c = np.empty((n, n))
med, lo = timeit(lambda: np.matmul(a, b, out=c), 10)
print(f"threads={T} dgemm n={n}: median {med:.1f} ms  min {lo:.1f} ms  ({2*n**3/med/1e6:.1f} GFLOP/s)")
del a, b, c
N, d = 1_000_000, 64
A = rng.random((N, d)) - 0.5
med, lo = timeit(lambda: A.T @ A, 10)
print(f"threads={T} A.T@A {N}x{d}: median {med:.1f} ms  min {lo:.1f} ms")
med, lo = timeit(lambda: blas.dsyrk(1.0, A.T, trans=0, lower=0), 10)
print(f"threads={T} dsyrk {N}x{d}: median {med:.1f} ms  min {lo:.1f} ms")
R = np.triu(rng.random((d, d)) - 0.5) / d + np.diag(1 + rng.random(d))
W = A.copy()
# W·R⁻¹ for C-ordered W is, in Fortran order, R⁻ᵀ·Wᵀ: dtrsm on the (d × N) Fortran view, in place.
med, lo = timeit(lambda: blas.dtrsm(1.0, R, W.T, side=0, lower=0, trans_a=1, overwrite_b=1), 10)
print(f"threads={T} dtrsm A·R^-1 {N}x{d}: median {med:.1f} ms  min {lo:.1f} ms")
'''

threads = sys.argv[1:] or ["1", "2"]
for t in threads:
    env = dict(os.environ, OPENBLAS_NUM_THREADS=t, OMP_NUM_THREADS=t)
    subprocess.run(["/usr/bin/python3", "-c", "T=" + t + "\n" + CHILD], env=env, check=True)
