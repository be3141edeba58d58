package akr.kernels.qr;

import akr.kernels.parallel.ParallelExecutor;

/**
 * Plain-Java row kernels for {@link Householder}: both passes walk the rows in order, contiguous
 * along each row; the dot pass folds two rows into w per sweep (halving w's loads and stores), the
 * update pass is one fused multiply-add per element.
 */
public final class ScalarHouseholder extends Householder {

    public ScalarHouseholder(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void dotRows(double[] v, int vOff, int vStride, double[] c, int cOff, int ldc, int rows, int cols,
                           double[] w) {
        int i = 0;
        for (; i + 1 < rows; i += 2) {
            double v0 = v[vOff + i * vStride];
            double v1 = v[vOff + (i + 1) * vStride];
            int p0 = cOff + i * ldc;
            int p1 = p0 + ldc;
            for (int q = 0; q < cols; q++) {
                w[q] = Math.fma(v1, c[p1 + q], Math.fma(v0, c[p0 + q], w[q]));
            }
        }
        if (i < rows) {
            double v0 = v[vOff + i * vStride];
            int p0 = cOff + i * ldc;
            for (int q = 0; q < cols; q++) {
                w[q] = Math.fma(v0, c[p0 + q], w[q]);
            }
        }
    }

    @Override
    protected double updateRows(double[] v, int vOff, int vStride, double[] c, int cOff, int ldc, int rows,
                                int cols, int skip, double[] w) {
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double vi = -v[vOff + i * vStride];
            int p = cOff + i * ldc;
            for (int q = 0; q < cols; q++) {
                c[p + q] = Math.fma(vi, w[q], c[p + q]);
            }
            if (i > 0 && skip < cols) {
                double x = c[p + skip];
                s = Math.fma(x, x, s);
            }
        }
        return s;
    }
}
