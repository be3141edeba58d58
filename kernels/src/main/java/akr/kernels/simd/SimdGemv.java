package akr.kernels.simd;

import akr.kernels.DenseMatrix;
import akr.kernels.gemv.Gemv;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row-block kernels for {@link Gemv}.
 * <ul>
 *   <li>op = N: four rows at a time, vectorised along the row (over the columns of A), so every
 *       vector of x is loaded once per four rows; lane sums reduced at the end of the row.</li>
 *   <li>op = T: four rows at a time, the partial vector updated with four FMAs per vector of
 *       columns, so it is loaded and stored once per four rows of A.</li>
 * </ul>
 * Column tails shorter than a vector are finished in scalar code.
 */
public final class SimdGemv extends Gemv {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();

    public SimdGemv(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void rowsN(DenseMatrix a, int r0, int r1, double alpha, double[] x, int xOff, double beta,
                         double[] y, int yOff) {
        double[] d = a.data();
        int ld = a.ld();
        int n = a.cols();
        int nv = n - n % L;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int p0 = a.index(r, 0), p1 = p0 + ld, p2 = p1 + ld, p3 = p2 + ld;
            DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
            int k = 0;
            for (; k < nv; k += L) {
                DoubleVector xv = DoubleVector.fromArray(S, x, xOff + k);
                a0 = DoubleVector.fromArray(S, d, p0 + k).fma(xv, a0);
                a1 = DoubleVector.fromArray(S, d, p1 + k).fma(xv, a1);
                a2 = DoubleVector.fromArray(S, d, p2 + k).fma(xv, a2);
                a3 = DoubleVector.fromArray(S, d, p3 + k).fma(xv, a3);
            }
            double s0 = a0.reduceLanes(VectorOperators.ADD);
            double s1 = a1.reduceLanes(VectorOperators.ADD);
            double s2 = a2.reduceLanes(VectorOperators.ADD);
            double s3 = a3.reduceLanes(VectorOperators.ADD);
            for (; k < n; k++) {
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
            DoubleVector acc = DoubleVector.zero(S);
            int k = 0;
            for (; k < nv; k += L) {
                acc = DoubleVector.fromArray(S, d, p + k).fma(DoubleVector.fromArray(S, x, xOff + k), acc);
            }
            double s = acc.reduceLanes(VectorOperators.ADD);
            for (; k < n; k++) {
                s = Math.fma(d[p + k], x[xOff + k], s);
            }
            store(y, yOff + r, alpha * s, beta);
        }
    }

    private static void store(double[] y, int i, double v, double beta) {
        y[i] = beta == 0 ? v : Math.fma(beta, y[i], v);
    }

    @Override
    protected void rowsT(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] acc, int accOff) {
        double[] d = a.data();
        int ld = a.ld();
        int n = a.cols();
        int nv = n - n % L;
        int r = r0;
        for (; r + 3 < r1; r += 4) {
            int p0 = a.index(r, 0), p1 = p0 + ld, p2 = p1 + ld, p3 = p2 + ld;
            double x0 = x[xOff + r], x1 = x[xOff + r + 1], x2 = x[xOff + r + 2], x3 = x[xOff + r + 3];
            DoubleVector v0 = DoubleVector.broadcast(S, x0), v1 = DoubleVector.broadcast(S, x1);
            DoubleVector v2 = DoubleVector.broadcast(S, x2), v3 = DoubleVector.broadcast(S, x3);
            int j = 0;
            for (; j < nv; j += L) {
                DoubleVector s = DoubleVector.fromArray(S, acc, accOff + j);
                s = v0.fma(DoubleVector.fromArray(S, d, p0 + j), s);
                s = v1.fma(DoubleVector.fromArray(S, d, p1 + j), s);
                s = v2.fma(DoubleVector.fromArray(S, d, p2 + j), s);
                s = v3.fma(DoubleVector.fromArray(S, d, p3 + j), s);
                s.intoArray(acc, accOff + j);
            }
            for (; j < n; j++) {
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
            DoubleVector vr = DoubleVector.broadcast(S, xr);
            int j = 0;
            for (; j < nv; j += L) {
                vr.fma(DoubleVector.fromArray(S, d, p + j), DoubleVector.fromArray(S, acc, accOff + j))
                        .intoArray(acc, accOff + j);
            }
            for (; j < n; j++) {
                acc[accOff + j] = Math.fma(xr, d[p + j], acc[accOff + j]);
            }
        }
    }
}
