#!/usr/bin/python3
"""How few PCG iterations any rank-k preconditioner can give an attention system (a lower bound).

The attention solver runs PCG on the scaled system G + λD⁻² with G = D⁻¹·exp(AAᵀ)·D⁻¹ and
D = diag(exp(‖a_i‖²/2)), preconditioned by a rank-k factor plus a shift. The best such
preconditioner knows G's top k eigenvectors exactly: it maps their eigenvalues to one and leaves
the others divided by the (k+1)-th. This script computes the spectrum with LAPACK (eigvalsh: n = 8192
takes about 30 s, n = 16384 about 4 minutes and 6 GB) and runs CG on that ideal preconditioned
spectrum (a diagonal system, Gaussian right-hand side) to the solver's tolerance, for several k.
No randomly pivoted Cholesky or Nyström factor of rank k can need fewer iterations than printed
(up to the right-hand side's draw); the solver's measured counts are in
bench/notes/2026-12-05-attention-routes.md.

    attention_cg_floor.py N [--d 64] [--scaling randn|attention] [--ridge 1e-2] [--tol 1e-10]
"""
import argparse

import numpy as np


def spectrum(n, d, scaling, ridge, seed):
    rng = np.random.default_rng(seed)
    s = d ** -0.25 if scaling == "attention" else d ** -0.5
    a = rng.standard_normal((n, d)) * s
    inv_d = np.exp(-np.sum(a * a, axis=1) / 2)
    g = np.exp(a @ a.T)
    g *= inv_d[:, None]
    g *= inv_d[None, :]
    g[np.diag_indices_from(g)] += ridge * inv_d ** 2
    return np.linalg.eigvalsh(g)[::-1]


def cg_iterations(lam, tol, rng, limit=5000):
    b = rng.standard_normal(len(lam))
    x = np.zeros_like(b)
    r = b.copy()
    p = r.copy()
    rr = r @ r
    stop = tol * np.sqrt(rr)
    for it in range(1, limit + 1):
        q = lam * p
        alpha = rr / (p @ q)
        x += alpha * p
        r -= alpha * q
        rn = r @ r
        if np.sqrt(rn) <= stop:
            return it
        p = r + (rn / rr) * p
        rr = rn
    return None


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("n", type=int)
    p.add_argument("--d", type=int, default=64)
    p.add_argument("--scaling", choices=("randn", "attention"), default="randn")
    p.add_argument("--ridge", type=float, default=1e-2)
    p.add_argument("--tol", type=float, default=1e-10)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    w = spectrum(args.n, args.d, args.scaling, args.ridge, args.seed)
    print(f"n = {args.n}, d = {args.d}, {args.scaling}, ridge {args.ridge:g}: "
          f"eigenvalues {w[0]:.4g} (largest), {w[-1]:.4g} (smallest)")
    heads = sorted({k for k in (1, args.d, args.d + 1, 256, 512, 1024, 1536, 2048,
                                1 + args.d + args.d * (args.d + 1) // 2, 3000) if k < args.n})
    print("index  eigenvalue")
    for k in sorted(set(heads) | {args.n // 2, args.n - 1}):
        print(f"{k:5d}  {w[k]:.4g}")
    rng = np.random.default_rng(0)
    print("rank k  kappa of the rest  CG iterations to tol (ideal rank-k preconditioner)")
    for k in [0] + heads:
        rest = w[k:]
        lam = np.concatenate([np.ones(k), rest / (rest[0] if k > 0 else 1.0)])
        it = cg_iterations(lam, args.tol, rng)
        print(f"{k:6d}  {rest[0] / rest[-1]:16.1f}  {it if it is not None else '> limit'}")


if __name__ == "__main__":
    main()
