package akr.kernels.cholesky;

import akr.kernels.Tier;
import akr.kernels.driver.BlockedCholesky;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;

/** The plain-Java Cholesky: {@link BlockedCholesky} on the scalar GEMM and triangular tiers. */
final class ScalarCholesky extends BlockedCholesky {

    ScalarCholesky(ParallelExecutor executor) {
        super(executor, Gemm.of(Tier.SCALAR, executor), Triangular.of(Tier.SCALAR, executor));
    }
}
