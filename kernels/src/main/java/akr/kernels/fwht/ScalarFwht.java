package akr.kernels.fwht;

import akr.kernels.driver.ButterflyFwht;
import akr.kernels.driver.ScalarButterflies;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The plain-Java {@link Fwht} tier: the {@link ButterflyFwht} driver (same blocking and parallel split
 * as the SIMD tier) with the {@link ScalarButterflies}.
 */
final class ScalarFwht extends ButterflyFwht {

    ScalarFwht(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    public void radix(double[] x, int base, int stride, int r, int len) {
        ScalarButterflies.radixRange(x, base, stride, r, 0, len);
    }

    @Override
    public void lowStages8(double[] x, int off, int len) {
        ScalarButterflies.lowStages8Range(x, off, len);
    }

    @Override
    public void lowStages7(double[] x, int off, int len) {
        ScalarButterflies.lowStages7Range(x, off, len);
    }
}
