package akr.kernels.simd;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.BlockedTriangular;

/** The Vector API triangular solves: {@link BlockedTriangular} on the {@link SimdGemm} tier. */
public final class SimdTriangular extends BlockedTriangular {

    public SimdTriangular(ParallelExecutor executor) {
        super(executor, new SimdGemm(executor));
    }
}
