package akr.kernels.simd;

import akr.kernels.driver.BlockedCholesky;
import akr.kernels.parallel.ParallelExecutor;

/** The Vector API Cholesky: {@link BlockedCholesky} on the SIMD GEMM and triangular tiers. */
public final class SimdCholesky extends BlockedCholesky {

    public SimdCholesky(ParallelExecutor executor) {
        super(executor, new SimdGemm(executor), new SimdTriangular(executor));
    }
}
