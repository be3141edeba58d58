package akr.kernels.qr;

import akr.kernels.driver.BlockedHouseholder;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Plain-Java row kernels for {@link Householder}: both passes walk the rows in order, contiguous
 * along each row; the dot pass folds two rows into w per sweep (halving w's loads and stores), the
 * update pass is one fused multiply-add per element.
 */
final class ScalarHouseholder extends BlockedHouseholder {

    ScalarHouseholder(ParallelExecutor executor) {
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

    @Override
    protected void dotBlock(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc, int rows, int cols,
                            double[] w, int ldw) {
        for (int i = 0; i < rows; i++) {
            int pv = vOff + i * ldv;
            int pc = cOff + i * ldc;
            for (int a = 0; a < nb; a++) {
                double va = v[pv + a];
                int pw = a * ldw;
                for (int q = 0; q < cols; q++) {
                    w[pw + q] = Math.fma(va, c[pc + q], w[pw + q]);
                }
            }
        }
    }

    @Override
    protected void updateBlock(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc, int rows,
                               int cols, double[] w, int ldw) {
        for (int i = 0; i < rows; i++) {
            int pv = vOff + i * ldv;
            int pc = cOff + i * ldc;
            for (int a = 0; a < nb; a++) {
                double va = v[pv + a];
                int pw = a * ldw;
                for (int q = 0; q < cols; q++) {
                    c[pc + q] = Math.fma(va, w[pw + q], c[pc + q]);
                }
            }
        }
    }

    /** Four interleaved partial sums (added as (s0 + s1) + (s2 + s3)) hide the FMA latency. */
    @Override
    protected double dotContiguous(double[] x, int xOff, double[] y, int yOff, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            s0 = Math.fma(x[xOff + i], y[yOff + i], s0);
            s1 = Math.fma(x[xOff + i + 1], y[yOff + i + 1], s1);
            s2 = Math.fma(x[xOff + i + 2], y[yOff + i + 2], s2);
            s3 = Math.fma(x[xOff + i + 3], y[yOff + i + 3], s3);
        }
        for (; i < len; i++) {
            s0 = Math.fma(x[xOff + i], y[yOff + i], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    protected void axpyContiguous(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }
}
