package akr.kernels.cholesky;

import akr.kernels.gemm.ScalarGemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.ScalarTriangular;

/** The plain-Java Cholesky: {@link BlockedCholesky} on the scalar GEMM and triangular tiers. */
public final class ScalarCholesky extends BlockedCholesky {

    public ScalarCholesky(ParallelExecutor executor) {
        super(executor, new ScalarGemm(executor), new ScalarTriangular(executor));
    }
}
