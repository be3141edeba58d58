package akr.kernels.gemv;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

/** Naive gemv: one dot product per output element, left to right, single-threaded. */
final class ReferenceGemv extends Gemv {

    ReferenceGemv(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void gemvK(Op op, double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                         double[] y, int yOff) {
        int m = op.rows(a);
        int n = op.cols(a);
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
                double aik = op == Op.N ? a.get(i, k) : a.get(k, i);
                s += aik * x[xOff + k];
            }
            y[yOff + i] = beta == 0 ? alpha * s : alpha * s + beta * y[yOff + i];
        }
    }

    /** The two products one after the other, each naive. */
    @Override
    protected void gemvThenTransposedK(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                       double[] y, int yOff, double[] z, int zOff) {
        gemvK(Op.N, alpha, a, x, xOff, beta, y, yOff);
        gemvK(Op.T, 1.0, a, y, yOff, 0.0, z, zOff);
    }

    /** y naive, then each z_j by the compensated sum over all rows in row order, single-threaded. */
    @Override
    protected void gemvThenTransposedCompensatedK(double alpha, DenseMatrix a, double[] x, int xOff, double beta,
                                                  double[] y, int yOff, double[] z, int zOff, double[] zErr) {
        gemvK(Op.N, alpha, a, x, xOff, beta, y, yOff);
        for (int j = 0; j < a.cols(); j++) {
            double s = 0;
            double e = 0;
            for (int r = 0; r < a.rows(); r++) {
                double p = y[yOff + r] * a.get(r, j);
                double q = Math.fma(y[yOff + r], a.get(r, j), -p);
                double u = s + p;
                e += twoSumError(s, p, u) + q;
                s = u;
            }
            if (zErr == null) {
                z[zOff + j] = s + e;
            } else {
                z[zOff + j] = s;
                zErr[j] = e;
            }
        }
    }
}
