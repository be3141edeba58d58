package akr.kernels.blas1;

import akr.kernels.parallel.ParallelExecutor;

/**
 * Naive level-1 BLAS: one accumulator, left to right. nrm2 is the classic scaled sum of squares of
 * reference BLAS (Hammarling's one-pass update of scale and ssq), slow and obviously safe.
 */
final class ReferenceBlas1 extends Blas1 {

    ReferenceBlas1(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected double dotK(int n, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[xOff + i * incX] * y[yOff + i * incY];
        }
        return s;
    }

    @Override
    protected void axpyK(int n, double alpha, double[] x, int xOff, int incX, double[] y, int yOff, int incY) {
        for (int i = 0; i < n; i++) {
            y[yOff + i * incY] += alpha * x[xOff + i * incX];
        }
    }

    @Override
    protected void scalK(int n, double alpha, double[] x, int xOff, int incX) {
        for (int i = 0; i < n; i++) {
            x[xOff + i * incX] = alpha == 0 ? 0.0 : alpha * x[xOff + i * incX];
        }
    }

    @Override
    protected double nrm2K(int n, double[] x, int xOff, int incX) {
        double scale = 0;
        double ssq = 1;
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i * incX];
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (v != 0) {
                double a = Math.abs(v);
                if (Double.isInfinite(a)) {
                    scale = a;
                    ssq = 1;
                    continue;
                }
                if (Double.isInfinite(scale)) {
                    continue;
                }
                if (scale < a) {
                    ssq = 1 + ssq * (scale / a) * (scale / a);
                    scale = a;
                } else {
                    ssq += (a / scale) * (a / scale);
                }
            }
        }
        return Double.isInfinite(scale) ? scale : scale * Math.sqrt(ssq);
    }
}
