package akr.kernels.simd;

import akr.kernels.driver.BlockedTriangular;
import akr.kernels.parallel.ParallelExecutor;

/** The Vector API triangular solves: {@link BlockedTriangular} on the {@link SimdGemm} tier. */
public final class SimdTriangular extends BlockedTriangular {

    public SimdTriangular(ParallelExecutor executor) {
        super(executor, new SimdGemm(executor));
    }
}
