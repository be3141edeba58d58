package akr.kernels.simd;

import akr.kernels.DenseMatrix;
import akr.kernels.driver.RowBlockGemv;
import akr.kernels.gemv.Gemv;
import akr.kernels.parallel.ParallelExecutor;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row-block kernels for {@link Gemv}.
 * <ul>
 *   <li>op = N: one row at a time, vectorised along the row with two accumulators, lane sums
 *       reduced once per row (with more rows at a time C2 keeps fewer of the vectors in registers;
 *       bench/notes/2026-12-05-code-comment-history.md#gemv).</li>
 *   <li>op = T: rows in blocks of {@value #T_BLOCK_ROWS} (L2-resident); for each panel of four
 *       vectors of columns the four partial sums stay in registers over the whole block, so the
 *       partial vector is loaded and stored once per block, not once per row.</li>
 * </ul>
 * Column tails shorter than a vector are finished in scalar code.
 */
public final class SimdGemv extends RowBlockGemv {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();
    /** Rows of A per block of the transposed product: the block stays in L2 across column panels. */
    private static final int T_BLOCK_ROWS = 256;

    public SimdGemv(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void rowsN(DenseMatrix a, int r0, int r1, double alpha, double[] x, int xOff, double beta,
                         double[] y, int yOff) {
        double[] d = a.data();
        int n = a.cols();
        int nv2 = n - n % (2 * L);
        int nv = n - n % L;
        double[] lanes = new double[L];
        for (int r = r0; r < r1; r++) {
            int p = a.index(r, 0);
            DoubleVector acc0 = DoubleVector.zero(S);
            DoubleVector acc1 = acc0;
            int k = 0;
            for (; k < nv2; k += 2 * L) {
                acc0 = DoubleVector.fromArray(S, d, p + k).fma(DoubleVector.fromArray(S, x, xOff + k), acc0);
                acc1 = DoubleVector.fromArray(S, d, p + k + L).fma(DoubleVector.fromArray(S, x, xOff + k + L), acc1);
            }
            if (k < nv) {
                acc0 = DoubleVector.fromArray(S, d, p + k).fma(DoubleVector.fromArray(S, x, xOff + k), acc0);
                k += L;
            }
            double s = SimdSupport.sumLanes(acc0.add(acc1), lanes);
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
        int n = a.cols();
        int panel = 4 * L;
        int np = n - n % panel;
        int nv = n - n % L;
        for (int rb = r0; rb < r1; rb += T_BLOCK_ROWS) {
            int re = Math.min(r1, rb + T_BLOCK_ROWS);
            // full panels of four vectors: accumulators stay in registers over the row block
            for (int j = 0; j < np; j += panel) {
                DoubleVector s0 = DoubleVector.fromArray(S, acc, accOff + j);
                DoubleVector s1 = DoubleVector.fromArray(S, acc, accOff + j + L);
                DoubleVector s2 = DoubleVector.fromArray(S, acc, accOff + j + 2 * L);
                DoubleVector s3 = DoubleVector.fromArray(S, acc, accOff + j + 3 * L);
                for (int r = rb; r < re; r++) {
                    int p = a.index(r, j);
                    DoubleVector xr = DoubleVector.broadcast(S, x[xOff + r]);
                    s0 = xr.fma(DoubleVector.fromArray(S, d, p), s0);
                    s1 = xr.fma(DoubleVector.fromArray(S, d, p + L), s1);
                    s2 = xr.fma(DoubleVector.fromArray(S, d, p + 2 * L), s2);
                    s3 = xr.fma(DoubleVector.fromArray(S, d, p + 3 * L), s3);
                }
                s0.intoArray(acc, accOff + j);
                s1.intoArray(acc, accOff + j + L);
                s2.intoArray(acc, accOff + j + 2 * L);
                s3.intoArray(acc, accOff + j + 3 * L);
            }
            // remaining whole vectors, one at a time
            for (int j = np; j < nv; j += L) {
                DoubleVector s0 = DoubleVector.fromArray(S, acc, accOff + j);
                for (int r = rb; r < re; r++) {
                    s0 = DoubleVector.broadcast(S, x[xOff + r]).fma(DoubleVector.fromArray(S, d, a.index(r, j)), s0);
                }
                s0.intoArray(acc, accOff + j);
            }
            // scalar column tail
            for (int j = nv; j < n; j++) {
                double s = acc[accOff + j];
                for (int r = rb; r < re; r++) {
                    s = Math.fma(x[xOff + r], d[a.index(r, j)], s);
                }
                acc[accOff + j] = s;
            }
        }
    }

    /**
     * As {@link #rowsT}, one vector of columns at a time: its sum and error term stay in registers
     * over a row block (wider panels were no faster on tall A;
     * bench/notes/2026-12-05-code-comment-history.md#gemv).
     */
    @Override
    protected void rowsTCompensated(DenseMatrix a, int r0, int r1, double[] x, int xOff, double[] sum, double[] err,
                                    int accOff) {
        double[] d = a.data();
        int n = a.cols();
        int nv = n - n % L;
        for (int rb = r0; rb < r1; rb += T_BLOCK_ROWS) {
            int re = Math.min(r1, rb + T_BLOCK_ROWS);
            for (int j = 0; j < nv; j += L) {
                DoubleVector s0 = DoubleVector.fromArray(S, sum, accOff + j);
                DoubleVector e0 = DoubleVector.fromArray(S, err, accOff + j);
                for (int r = rb; r < re; r++) {
                    DoubleVector xr = DoubleVector.broadcast(S, x[xOff + r]);
                    DoubleVector a0 = DoubleVector.fromArray(S, d, a.index(r, j));
                    DoubleVector p0 = xr.mul(a0);
                    DoubleVector q0 = xr.fma(a0, p0.neg());
                    DoubleVector u0 = s0.add(p0);
                    DoubleVector v0 = u0.sub(s0);
                    e0 = e0.add(s0.sub(u0.sub(v0)).add(p0.sub(v0)).add(q0));
                    s0 = u0;
                }
                s0.intoArray(sum, accOff + j);
                e0.intoArray(err, accOff + j);
            }
            for (int j = nv; j < n; j++) {
                double s = sum[accOff + j];
                double e = err[accOff + j];
                for (int r = rb; r < re; r++) {
                    double xr = x[xOff + r];
                    double av = d[a.index(r, j)];
                    double p = xr * av;
                    double q = Math.fma(xr, av, -p);
                    double u = s + p;
                    e += twoSumError(s, p, u) + q;
                    s = u;
                }
                sum[accOff + j] = s;
                err[accOff + j] = e;
            }
        }
    }
}
