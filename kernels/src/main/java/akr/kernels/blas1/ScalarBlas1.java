package akr.kernels.blas1;

import akr.kernels.parallel.ParallelExecutor;

/**
 * Production scalar level-1 BLAS: four independent accumulators (the same summation pattern as the
 * SIMD tier's lanes, so the FP adder pipeline is kept busy), and the two-pass {@link Nrm2} scheme.
 */
final class ScalarBlas1 extends Blas1 {

    ScalarBlas1(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected double dotK(int n, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        if (incX == 1 && incY == 1) {
            for (; i + 3 < n; i += 4) {
                s0 = Math.fma(x[xOff + i], y[yOff + i], s0);
                s1 = Math.fma(x[xOff + i + 1], y[yOff + i + 1], s1);
                s2 = Math.fma(x[xOff + i + 2], y[yOff + i + 2], s2);
                s3 = Math.fma(x[xOff + i + 3], y[yOff + i + 3], s3);
            }
        }
        for (; i < n; i++) {
            s0 = Math.fma(x[xOff + i * incX], y[yOff + i * incY], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    protected void axpyK(int n, double alpha, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        if (incX == 1 && incY == 1) {
            for (int i = 0; i < n; i++) {
                y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yOff + i * incY] = Math.fma(alpha, x[xOff + i * incX], y[yOff + i * incY]);
        }
    }

    @Override
    protected void scalK(int n, double alpha, double[] x, int xOff, int incX) {
        if (alpha == 0) {
            for (int i = 0; i < n; i++) {
                x[xOff + i * incX] = 0.0;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            x[xOff + i * incX] *= alpha;
        }
    }

    @Override
    protected double nrm2K(int n, double[] x, int xOff, int incX) {
        double s0 = 0, s1 = 0;
        int i = 0;
        for (; i + 1 < n; i += 2) {
            double a = x[xOff + i * incX];
            double b = x[xOff + (i + 1) * incX];
            s0 = Math.fma(a, a, s0);
            s1 = Math.fma(b, b, s1);
        }
        for (; i < n; i++) {
            double a = x[xOff + i * incX];
            s0 = Math.fma(a, a, s0);
        }
        double s = s0 + s1;
        if (Nrm2.accept(s)) {
            return Math.sqrt(s);
        }
        double max = 0;
        for (i = 0; i < n; i++) {
            double a = Math.abs(x[xOff + i * incX]);
            if (Double.isNaN(a)) {
                return Double.NaN;
            }
            max = Math.max(max, a);
        }
        if (max == 0 || Double.isInfinite(max)) {
            return max;
        }
        double scale = Nrm2.scaleFor(max);
        s = 0;
        for (i = 0; i < n; i++) {
            double a = x[xOff + i * incX] * scale;
            s = Math.fma(a, a, s);
        }
        return Math.sqrt(s) / scale;
    }
}
