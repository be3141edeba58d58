package akr.kernels.triangular;

import akr.kernels.gemm.ScalarGemm;
import akr.kernels.parallel.ParallelExecutor;

/** The plain-Java triangular solves: {@link BlockedTriangular} on the {@link ScalarGemm} tier. */
public final class ScalarTriangular extends BlockedTriangular {

    public ScalarTriangular(ParallelExecutor executor) {
        super(executor, new ScalarGemm(executor));
    }
}
