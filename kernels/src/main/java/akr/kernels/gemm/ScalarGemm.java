package akr.kernels.gemm;

import akr.kernels.driver.BlockedGemm;
import akr.kernels.driver.GemmBlocking;
import akr.kernels.parallel.ParallelExecutor;

/** The plain-Java GEMM tier: the {@link BlockedGemm} driver with the 4×4 {@link ScalarGemmKernel}. */
final class ScalarGemm extends BlockedGemm {

    private static final ScalarGemmKernel KERNEL = new ScalarGemmKernel();

    ScalarGemm(ParallelExecutor executor) {
        this(executor, GemmBlocking.forMicroKernel(ScalarGemmKernel.MR, ScalarGemmKernel.NR));
    }

    private ScalarGemm(ParallelExecutor executor, GemmBlocking blocking) {
        super(executor, KERNEL, blocking);
    }

    @Override
    public BlockedGemm withBlocking(GemmBlocking b) {
        return new ScalarGemm(executor, sameTile(b));
    }
}
