package akr.kernels.triangular;

import akr.kernels.Tier;
import akr.kernels.driver.BlockedGemm;
import akr.kernels.driver.BlockedTriangular;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;

/** The plain-Java triangular solves: {@link BlockedTriangular} on the scalar GEMM tier. */
final class ScalarTriangular extends BlockedTriangular {

    ScalarTriangular(ParallelExecutor executor) {
        super(executor, (BlockedGemm) Gemm.of(Tier.SCALAR, executor));
    }
}
