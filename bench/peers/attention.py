#!/usr/bin/python3
"""scipy peer for the attention benchmarks (AttentionSolverBench): materialise K = exp(A A^T) (+ lambda I)
and solve by Cholesky (scipy.linalg.cho_factor / cho_solve), on the same problems.

Setup (Debian): apt-get update && apt-get install -y python3-numpy python3-scipy
Problems: written by the accuracy runner,
  java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
       akr.bench.attention.AttentionAccuracy --write /tmp/akr-attention --precond rpcholesky 8192 64
Run:   flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/attention.py /tmp/akr-attention 8192 64 [threads]
Prints one JSON line per scaling: median seconds over repetitions of the whole route (form K, factor,
solve) and of its phases, and the relative residual |(K + lambda I) x - b| / |b|. "attention" is solved
with lambda = 0, "randn" with lambda = 1e-2, as in the Java benchmark. K needs n^2 * 8 bytes.
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
reps = int(os.environ.get("AKR_PEER_REPS", "3"))

for scaling, ridge in (("attention", 0.0), ("randn", 1e-2)):
    A = np.load(f"{directory}/A_{n}x{d}_{scaling}.npy")
    b = np.load(f"{directory}/b_{n}_{scaling}.npy")
    totals, forms, factors, solves = [], [], [], []
    x = None
    for _ in range(reps + 1):  # the first run warms up
        t0 = time.perf_counter()
        K = A @ A.T
        np.exp(K, out=K)
        if ridge:
            K[np.diag_indices_from(K)] += ridge
        t1 = time.perf_counter()
        c = sla.cho_factor(K, lower=True, overwrite_a=True, check_finite=False)
        t2 = time.perf_counter()
        x = sla.cho_solve(c, b, check_finite=False)
        t3 = time.perf_counter()
        del c, K
        forms.append(t1 - t0)
        factors.append(t2 - t1)
        solves.append(t3 - t2)
        totals.append(t3 - t0)
    K = np.exp(A @ A.T)
    r = K @ x + ridge * x - b
    del K
    print(json.dumps({"benchmark": "AttentionSolverBench.solve", "params": {"n": n, "d": d, "scaling": scaling,
                      "ridge": ridge}, "peer": "scipy cho_factor/cho_solve on materialised K",
                      "median_s": statistics.median(totals[1:]), "min_s": min(totals[1:]), "max_s": max(totals[1:]),
                      "form_s": statistics.median(forms[1:]), "factor_s": statistics.median(factors[1:]),
                      "solve_s": statistics.median(solves[1:]), "relative_residual": float(np.linalg.norm(r) / np.linalg.norm(b)),
                      "threads": int(threads)}), flush=True)
