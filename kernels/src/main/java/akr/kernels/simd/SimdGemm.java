package akr.kernels.simd;

import akr.kernels.driver.BlockedGemm;
import akr.kernels.driver.GemmBlocking;
import akr.kernels.parallel.ParallelExecutor;

/** The Vector API GEMM tier: the {@link BlockedGemm} driver with the {@link SimdGemmKernel} register tiles. */
public final class SimdGemm extends BlockedGemm {

    private static final SimdGemmKernel KERNEL = new SimdGemmKernel();

    public SimdGemm(ParallelExecutor executor) {
        this(executor, GemmBlocking.forMicroKernel(SimdGemmKernel.MR, SimdGemmKernel.NR));
    }

    private SimdGemm(ParallelExecutor executor, GemmBlocking blocking) {
        super(executor, KERNEL, blocking);
    }

    @Override
    public BlockedGemm withBlocking(GemmBlocking b) {
        return new SimdGemm(executor, sameTile(b));
    }
}
