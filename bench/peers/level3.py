#!/usr/bin/python3
"""numpy/scipy (OpenBLAS) peers of the level-3 benchmarks akr.bench.gemm.GemmBench and
akr.bench.gemm.TallSkinnyBench, on the same shapes as the JMH classes (protocol:
bench/peers/peerlib.py):

  GemmBench.gemmNN              np.matmul(a, b, out=c), n×n (OpenBLAS dgemm)
  TallSkinnyBench.syrkTall      A.T @ A (numpy's Gram product) and scipy dsyrk, A of n×d
  TallSkinnyBench.trsmRightUpper  W·R⁻¹ in place by scipy dtrsm (on the Fortran view of W)

OpenBLAS reads its thread count at load time, so bench/run starts the script once per thread count
with OPENBLAS_NUM_THREADS set; every line carries that count as the JMH parameter ``threads``.
Setup (Debian): apt-get update && apt-get install -y python3-numpy python3-scipy
Run alone: OPENBLAS_NUM_THREADS=2 flock /tmp/akr-bench.lock /usr/bin/python3 bench/peers/level3.py --threads 2
"""
import numpy as np
import scipy
import scipy.linalg.blas as blas

import peerlib

AKR_PEER_PROTOCOL = 1


def main():
    args = peerlib.parse_args(__doc__)
    peerlib.emit_meta(numpy=np.__version__, scipy=scipy.__version__, blas=peerlib.numpy_blas())
    rng = np.random.default_rng(7)

    for ns in peerlib.jmh_params("GemmBench", n=2048)["n"]:
        n = int(ns)
        a = rng.random((n, n)) - 0.5
        b = rng.random((n, n)) - 0.5
        c = np.empty((n, n))
        np.matmul(a, b, out=c)
        assert np.allclose(c[:4], [[row @ b[:, j] for j in range(n)] for row in a[:4]])
        peerlib.emit("GemmBench.gemmNN", {"n": ns, "threads": args.threads},
                     peerlib.median_seconds(lambda: np.matmul(a, b, out=c), args.min_time),
                     "numpy", "np.matmul (dgemm)")
        del a, b, c

    ts = peerlib.jmh_params("TallSkinnyBench", n=1_000_000, d=64)
    for ns in ts["n"]:
        for ds in ts["d"]:
            n, d = int(ns), int(ds)
            params = {"n": ns, "d": ds, "threads": args.threads}
            a = rng.random((n, d)) - 0.5
            peerlib.emit("TallSkinnyBench.syrkTall", params,
                         peerlib.median_seconds(lambda: a.T @ a, args.min_time), "numpy", "A.T @ A")
            # dsyrk on the Fortran view Aᵀ (d × n): C = Aᵀ·A, upper triangle only
            assert np.allclose(np.triu(blas.dsyrk(1.0, a.T, trans=0, lower=0)), np.triu(a.T @ a))
            peerlib.emit("TallSkinnyBench.syrkTall", params,
                         peerlib.median_seconds(lambda: blas.dsyrk(1.0, a.T, trans=0, lower=0), args.min_time),
                         "scipy dsyrk", "scipy.linalg.blas.dsyrk, upper triangle")
            r = np.triu(rng.random((d, d)) - 0.5) / d + np.diag(1 + rng.random(d))
            w = a.copy()
            # W·R⁻¹ for C-ordered W is, in Fortran order, R⁻ᵀ·Wᵀ: dtrsm on the (d × n) Fortran view, in place
            x = blas.dtrsm(1.0, r, w.T, side=0, lower=0, trans_a=1, overwrite_b=1)
            assert np.shares_memory(x, w) and np.allclose(w[:100] @ r, a[:100])
            peerlib.emit("TallSkinnyBench.trsmRightUpper", params,
                         peerlib.median_seconds(
                             lambda: blas.dtrsm(1.0, r, w.T, side=0, lower=0, trans_a=1, overwrite_b=1),
                             args.min_time),
                         "scipy dtrsm", "scipy.linalg.blas.dtrsm in place")
            del a, w


if __name__ == "__main__":
    main()
