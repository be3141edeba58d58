#!/usr/bin/python3
"""numpy/LAPACK peers for the power-solver benchmarks (PowerSolverBench), on the same matrices.

Setup (Debian): apt-get update && apt-get install -y python3-numpy python3-scipy
Problems: written by the accuracy runner,
  java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
       akr.bench.solvers.PowerAccuracy --write /tmp/akr-problems 1000000 64
Run:   flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/solvers.py /tmp/akr-problems 1000000 64 [threads]
Prints one JSON line per (problem, peer route): median seconds over repetitions and the forward
error against the known solution x*:
  lstsq-0: numpy.linalg.lstsq (LAPACK gelsd), QR (numpy.linalg.qr + triangular solve)
  lstsq-2, gram-2: the normal-equations route (A.T@A, Cholesky, 2j+... triangular solves)
"""
import json
import os
import sys

threads = sys.argv[4] if len(sys.argv) > 4 else "2"
os.environ.setdefault("OPENBLAS_NUM_THREADS", threads)
os.environ.setdefault("OMP_NUM_THREADS", threads)

import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
import scipy.linalg as sla  # noqa: E402

directory, n, d = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
A = np.load(f"{directory}/A_{n}x{d}.npy")


def timed(f, reps=5):
    f()
    ts = []
    out = None
    for _ in range(reps):
        t0 = time.perf_counter()
        out = f()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), out


def fe(x, xs):
    return float(np.linalg.norm(x - xs) / np.linalg.norm(xs))


def emit(problem, peer, med, err):
    print(json.dumps({"benchmark": "PowerSolverBench.solve", "params": {"shape": f"{n}x{d}", "problem": problem},
                      "peer": peer, "median_s": med, "forward_error": err, "threads": int(threads)}), flush=True)


def normal_equations_power(b, j, lstsq):
    g = A.T @ A
    c = sla.cho_factor(g, lower=False)
    y = A.T @ b if lstsq else b
    for _ in range(j + (1 if lstsq else 0)):
        y = sla.cho_solve(c, y)
    return y


for j, problem in ((0, "lstsq-0"), (2, "lstsq-2"), (2, "gram-2")):
    tag = f"{n}x{d}_j{j}"
    xs = np.load(f"{directory}/xstar_{tag}.npy")
    if problem.startswith("lstsq"):
        b = np.load(f"{directory}/b_lstsq_{tag}.npy")
        if j == 0:
            med, x = timed(lambda: np.linalg.lstsq(A, b, rcond=None)[0], reps=3)
            emit(problem, "numpy.linalg.lstsq", med, fe(x, xs))

            def qr_solve():
                q, r = np.linalg.qr(A, mode="reduced")
                return sla.solve_triangular(r, q.T @ b)
            med, x = timed(qr_solve, reps=3)
            emit(problem, "numpy.qr+trsv", med, fe(x, xs))
        med, x = timed(lambda: normal_equations_power(b, j, True))
        emit(problem, "normal-equations", med, fe(x, xs))
    else:
        b = np.load(f"{directory}/b_gram_{tag}.npy")
        med, x = timed(lambda: normal_equations_power(b, j, False))
        emit(problem, "normal-equations", med, fe(x, xs))
