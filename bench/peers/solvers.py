#!/usr/bin/python3
"""numpy/LAPACK peers of akr.bench.solvers.PowerSolverBench (protocol: bench/peers/peerlib.py).

For each problem of the JMH class (lstsq-0, lstsq-2, gram-2 on A of n×d with singular values from
1 to 1/κ, κ = 10⁶, and a noisy right-hand side with known solution x*), the routes a numpy user
would call:
  lstsq-0          numpy.linalg.lstsq (LAPACK gelsd), and QR (numpy.linalg.qr + solve_triangular)
  lstsq-2, gram-2  the normal equations: A.T@A, scipy cho_factor, cho_solve per power
Each result line also carries the forward error against x* and the relative residual.

The problem: by default generated here with the same recipe as the Java side (U, V orthonormalised
Gaussian matrices, geometric σ; the values differ, the timings do not), one A for all problems.
The problems are the JMH class's (bench/quick.params: lstsq-0 and gram-2 only), and the quick
profile skips the QR route (numpy's thin Q of the same shape is timed by qr.py). With --problems DIR the
files written by
  java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
       akr.bench.solvers.PowerAccuracy --write DIR 1000000 64
are used instead, so the forward errors compare with the Java runner's on the same matrix.
Run alone: OPENBLAS_NUM_THREADS=2 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/solvers.py --threads 2
"""
import argparse
import json
import os
import sys

import numpy as np
import scipy.linalg as sla

import peerlib

AKR_PEER_PROTOCOL = 1
SHAPE = os.environ.get("AKR_SOLVER_SHAPE", "")  # shapes to time instead of the profile's
SHAPES = ["1000000x64", "100000x512"]  # PowerSolverBench's @Param shape
KAPPA, NOISE = 1e6, 1e-3


def matrix(n, d, directory):
    """A (n×d) with singular values from 1 to 1/κ and its factors; the same A for every power j
    (the Java side's instances share A too). U and V have orthonormal columns from Gaussian
    matrices, by Cholesky-QR applied twice (well conditioned input: orthonormal to rounding, and
    several times cheaper than numpy's Householder QR at 10⁶ rows)."""
    if directory:
        return {"a": np.load(f"{directory}/A_{n}x{d}.npy"), "directory": directory}
    rng = np.random.default_rng(1000 + d)
    u = _orthonormal(rng.standard_normal((n, d)))
    v, _ = np.linalg.qr(rng.standard_normal((d, d)))
    s = KAPPA ** (-np.arange(d) / (d - 1))
    a = (u * s) @ v.T
    xs = rng.standard_normal(d)
    g = rng.standard_normal(n)
    g -= u @ (u.T @ g)
    g -= u @ (u.T @ g)
    return {"a": a, "u": u, "v": v, "s": s, "xs": xs, "g": g / np.linalg.norm(g)}


def _orthonormal(g):
    for _ in range(2):
        r = np.linalg.cholesky(g.T @ g).T
        g = sla.solve_triangular(r, g.T, trans="T").T
    return g


def problem(m, j):
    """(A, x*, b of lstsq-power, b of gram-power) for power j on the matrix of ``matrix``."""
    a = m["a"]
    if "directory" in m:
        tag = f"{a.shape[0]}x{a.shape[1]}_j{j}"
        directory = m["directory"]
        return (a, np.load(f"{directory}/xstar_{tag}.npy"), np.load(f"{directory}/b_lstsq_{tag}.npy"),
                np.load(f"{directory}/b_gram_{tag}.npy"))
    u, v, s, xs = m["u"], m["v"], m["s"], m["xs"]
    b = u @ ((v.T @ xs) * s ** (2 * j + 1))
    b_lstsq = b + NOISE * np.linalg.norm(b) * m["g"]
    b_gram = v @ ((v.T @ xs) * s ** (2 * j))
    return a, xs, b_lstsq, b_gram


def normal_equations(a, b, j, lstsq):
    c = sla.cho_factor(a.T @ a, lower=False)
    y = a.T @ b if lstsq else b
    for _ in range(j + (1 if lstsq else 0)):
        y = sla.cho_solve(c, y)
    return y


def gram_power(a, x, j):
    for _ in range(j):
        x = a.T @ (a @ x)
    return x


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, default=int(os.environ.get("OPENBLAS_NUM_THREADS", "1")))
    p.add_argument("--min-time", type=float, default=0.5)
    p.add_argument("--problems", default=os.environ.get("AKR_PROBLEM_DIR"))
    args = p.parse_args()
    if args.threads != 2:
        return  # PowerSolverBench runs on 2 threads only
    peerlib.emit_meta(numpy=np.__version__, scipy=__import__("scipy").__version__, blas=peerlib.numpy_blas())
    # the shapes and problems of the profile (bench/quick.params runs 10⁶×64, lstsq-0 and gram-2;
    # AKR_SOLVER_SHAPE, a comma-separated list, overrides the shapes); numpy's QR route duplicates
    # qr.py's thin Q of the same shape, so the quick profile leaves it out
    params = peerlib.jmh_params("PowerSolverBench", shape=SHAPES, problem=["lstsq-0", "lstsq-2", "gram-2"])
    shapes = SHAPE.split(",") if SHAPE else params["shape"]
    if args.min_time < 0.1:
        shapes = ["20000x16"]  # the smoke run: the shape bench/smoke.params gives PowerSolverBench
    with_qr = peerlib.profile() != "quick"
    for shape in shapes:
        solve_shape(shape, params["problem"], with_qr, args)


def solve_shape(shape, wanted, with_qr, args):
    n, d = (int(v) for v in shape.split("x"))
    m = matrix(n, d, args.problems)
    for name in wanted:
        kind, _, power = name.partition("-")
        j, lstsq = int(power), kind == "lstsq"
        a, xs, b_lstsq, b_gram = problem(m, j)
        b = b_lstsq if lstsq else b_gram
        routes = [("normal-equations", "A.T@A, cho_factor, cho_solve", lambda: normal_equations(a, b, j, lstsq))]
        if j == 0:
            routes.insert(0, ("numpy.linalg.lstsq", "LAPACK gelsd", lambda: np.linalg.lstsq(a, b, rcond=None)[0]))
            if with_qr:
                routes.insert(1, ("numpy.qr", "qr(mode='reduced') + solve_triangular",
                                  lambda: (lambda q, r: sla.solve_triangular(r, q.T @ b))(*np.linalg.qr(a))))
        for peer, note, f in routes:
            last = {}

            def timed(f=f):
                last["x"] = f()

            med = peerlib.median_seconds(timed, args.min_time, samples=3)
            x = last["x"]
            fe = float(np.linalg.norm(x - xs) / np.linalg.norm(xs))
            if lstsq:
                mx = a @ gram_power(a, x, j)
            else:
                mx = gram_power(a, x, j)
            rel = float(np.linalg.norm(mx - b) / np.linalg.norm(b))
            peerlib.emit("PowerSolverBench.solve", {"shape": shape, "problem": name}, med, peer,
                         f"{note}; forward error {fe:.3e}; relative residual {rel:.3e}")
            print(json.dumps({"solver_accuracy": {"problem": name, "peer": peer, "forward_error": fe,
                                                  "relative_residual": rel}}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
