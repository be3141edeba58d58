package akr.kernels.gemv;

import akr.kernels.DenseMatrix;
import akr.kernels.driver.RowBlockGemv;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Scalar row-block kernels for {@link Gemv}: op = N takes four rows at a time so each x element is
 * loaded once per four rows; op = T accumulates four rows at a time into the partial vector.
 */
final class ScalarGemv extends RowBlockGemv {

    ScalarGemv(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void rowsN(DenseMatrix a, int r0, int r1, double alpha, double[] x, int xOff, double beta,
                         double[] y, int yOff) {
        double[] d = a.data();
        int ld = a.ld();
        int n = a.cols();
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int p0 = a.index(r, 0), p1 = p0 + ld, p2 = p1 + ld, p3 = p2 + ld;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int k = 0; k < n; k++) {
                double xk = x[xOff + k];
                s0 = Math.fma(d[p0 + k], xk, s0);
                s1 = Math.fma(d[p1 + k], xk, s1);
                s2 = Math.fma(d[p2 + k], xk, s2);
                s3 = Math.fma(d[p3 + k], xk, s3);
            }
            store(y, yOff + r, alpha * s0, beta);
            store(y, yOff + r + 1, alpha * s1, beta);
            store(y, yOff + r + 2, alpha * s2, beta);
            store(y, yOff + r + 3, alpha * s3, beta);
        }
        for (; r < r1; r++) {
            int p = a.index(r, 0);
            double s = 0;
            for (int k = 0; k < n; k++) {
                s = Math.fma(d[p + k], x[xOff + k], s);
            }
            store(y, yOff + r, alpha * s, beta);
        }
    }

    static void store(double[] y, int i, double v, double beta) {
        y[i] = beta == 0 ? v : Math.fma(beta, y[i], v);
    }

    @Override
    protected void rowsT(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] acc, int accOff) {
        double[] d = a.data();
        int ld = a.ld();
        int n = a.cols();
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int p0 = a.index(r, 0), p1 = p0 + ld, p2 = p1 + ld, p3 = p2 + ld;
            double x0 = x[xOff + r], x1 = x[xOff + r + 1], x2 = x[xOff + r + 2], x3 = x[xOff + r + 3];
            for (int j = 0; j < n; j++) {
                double s = acc[accOff + j];
                s = Math.fma(x0, d[p0 + j], s);
                s = Math.fma(x1, d[p1 + j], s);
                s = Math.fma(x2, d[p2 + j], s);
                s = Math.fma(x3, d[p3 + j], s);
                acc[accOff + j] = s;
            }
        }
        for (; r < r1; r++) {
            int p = a.index(r, 0);
            double xr = x[xOff + r];
            for (int j = 0; j < n; j++) {
                acc[accOff + j] = Math.fma(xr, d[p + j], acc[accOff + j]);
            }
        }
    }

    @Override
    protected void rowsTCompensated(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] sum, double[] err,
                                    int accOff) {
        double[] d = a.data();
        int n = a.cols();
        if (n == 0) {
            return;
        }
        // the row and the accumulators in arrays of their own: C2 vectorises the loop only when all
        // its arrays share one index (bench/notes/2026-12-06-first-call-passes.md); same operations
        double[] row = new double[n];
        double[] s = java.util.Arrays.copyOfRange(sum, accOff, accOff + n);
        double[] e = java.util.Arrays.copyOfRange(err, accOff, accOff + n);
        for (int r = r0; r < r1; r++) {
            System.arraycopy(d, a.index(r, 0), row, 0, n);
            compensatedRow(x[xOff + r], row, s, e, n);
        }
        System.arraycopy(s, 0, sum, accOff, n);
        System.arraycopy(e, 0, err, accOff, n);
    }

    /**
     * p = x·row_j with its rounding error q = fma(x, row_j, −p); sum_j ← sum_j + p with its rounding
     * error t (TwoSum); err_j ← err_j + (t + q).
     */
    private static void compensatedRow(double x, double[] row, double[] sum, double[] err, int n) {
        for (int j = 0; j < n; j++) {
            double p = x * row[j];
            double q = Math.fma(x, row[j], -p);
            double s = sum[j];
            double u = s + p;
            err[j] += twoSumError(s, p, u) + q;
            sum[j] = u;
        }
    }
}
