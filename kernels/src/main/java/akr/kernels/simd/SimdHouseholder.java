package akr.kernels.simd;

import akr.kernels.driver.BlockedHouseholder;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.qr.Householder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API row kernels for {@link Householder}.
 * <ul>
 *   <li>dot pass (wᵀ = vᵀC): columns in blocks of four vectors; for each block the rows are walked
 *       with eight register accumulators (four vectors × even/odd rows, added at the end), so the
 *       partial sums never go through memory and eight FMA chains hide the FMA latency;</li>
 *   <li>update pass (C ← C − v·wᵀ): rows in order, one FMA per vector of the row.</li>
 * </ul>
 * The block kernels (eight reflectors at a time) walk the rows with the 8×(two vectors) block of W
 * in registers: Vᵀ·C as sixteen accumulators fed by two loads and eight broadcasts per row, C + V·W
 * as sixteen FMAs per row on two vectors of C. Columns left over after the last full vector are done
 * in scalar code.
 */
public final class SimdHouseholder extends BlockedHouseholder {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();

    public SimdHouseholder(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void dotRows(double[] v, int vOff, int vStride, double[] c, int cOff, int ldc, int rows, int cols,
                           double[] w) {
        int nv = cols - cols % L;
        int q = 0;
        for (; q + 4 * L <= nv; q += 4 * L) {
            DoubleVector e0 = DoubleVector.zero(S), e1 = e0, e2 = e0, e3 = e0;
            DoubleVector o0 = e0, o1 = e0, o2 = e0, o3 = e0;
            int i = 0;
            int p = cOff + q;
            for (; i + 1 < rows; i += 2, p += 2 * ldc) {
                DoubleVector a = DoubleVector.broadcast(S, v[vOff + i * vStride]);
                DoubleVector b = DoubleVector.broadcast(S, v[vOff + (i + 1) * vStride]);
                int r = p + ldc;
                e0 = a.fma(DoubleVector.fromArray(S, c, p), e0);
                e1 = a.fma(DoubleVector.fromArray(S, c, p + L), e1);
                e2 = a.fma(DoubleVector.fromArray(S, c, p + 2 * L), e2);
                e3 = a.fma(DoubleVector.fromArray(S, c, p + 3 * L), e3);
                o0 = b.fma(DoubleVector.fromArray(S, c, r), o0);
                o1 = b.fma(DoubleVector.fromArray(S, c, r + L), o1);
                o2 = b.fma(DoubleVector.fromArray(S, c, r + 2 * L), o2);
                o3 = b.fma(DoubleVector.fromArray(S, c, r + 3 * L), o3);
            }
            if (i < rows) {
                DoubleVector a = DoubleVector.broadcast(S, v[vOff + i * vStride]);
                e0 = a.fma(DoubleVector.fromArray(S, c, p), e0);
                e1 = a.fma(DoubleVector.fromArray(S, c, p + L), e1);
                e2 = a.fma(DoubleVector.fromArray(S, c, p + 2 * L), e2);
                e3 = a.fma(DoubleVector.fromArray(S, c, p + 3 * L), e3);
            }
            DoubleVector.fromArray(S, w, q).add(e0.add(o0)).intoArray(w, q);
            DoubleVector.fromArray(S, w, q + L).add(e1.add(o1)).intoArray(w, q + L);
            DoubleVector.fromArray(S, w, q + 2 * L).add(e2.add(o2)).intoArray(w, q + 2 * L);
            DoubleVector.fromArray(S, w, q + 3 * L).add(e3.add(o3)).intoArray(w, q + 3 * L);
        }
        for (; q < nv; q += L) {
            DoubleVector e0 = DoubleVector.zero(S), o0 = e0;
            int i = 0;
            int p = cOff + q;
            for (; i + 1 < rows; i += 2, p += 2 * ldc) {
                e0 = DoubleVector.broadcast(S, v[vOff + i * vStride]).fma(DoubleVector.fromArray(S, c, p), e0);
                o0 = DoubleVector.broadcast(S, v[vOff + (i + 1) * vStride])
                        .fma(DoubleVector.fromArray(S, c, p + ldc), o0);
            }
            if (i < rows) {
                e0 = DoubleVector.broadcast(S, v[vOff + i * vStride]).fma(DoubleVector.fromArray(S, c, p), e0);
            }
            DoubleVector.fromArray(S, w, q).add(e0.add(o0)).intoArray(w, q);
        }
        for (; q < cols; q++) {
            double even = 0;
            double odd = 0;
            int i = 0;
            int p = cOff + q;
            for (; i + 1 < rows; i += 2, p += 2 * ldc) {
                even = Math.fma(v[vOff + i * vStride], c[p], even);
                odd = Math.fma(v[vOff + (i + 1) * vStride], c[p + ldc], odd);
            }
            if (i < rows) {
                even = Math.fma(v[vOff + i * vStride], c[p], even);
            }
            w[q] += even + odd;
        }
    }

    @Override
    protected double updateRows(double[] v, int vOff, int vStride, double[] c, int cOff, int ldc, int rows,
                                int cols, int skip, double[] w) {
        int nv = cols - cols % L;
        double s = 0;
        for (int i = 0; i < rows; i++) {
            double vi = -v[vOff + i * vStride];
            DoubleVector b = DoubleVector.broadcast(S, vi);
            int p = cOff + i * ldc;
            int q = 0;
            for (; q < nv; q += L) {
                b.fma(DoubleVector.fromArray(S, w, q), DoubleVector.fromArray(S, c, p + q)).intoArray(c, p + q);
            }
            for (; q < cols; q++) {
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
        if (nb != 8) {
            dotBlockAnyWidth(v, vOff, ldv, nb, c, cOff, ldc, rows, cols, w, ldw);
            return;
        }
        int nv = cols - cols % L;
        int q = 0;
        for (; q + 2 * L <= nv; q += 2 * L) {
            DoubleVector x0 = DoubleVector.zero(S), y0 = x0, x1 = x0, y1 = x0, x2 = x0, y2 = x0, x3 = x0, y3 = x0, x4 = x0, y4 = x0, x5 = x0, y5 = x0, x6 = x0, y6 = x0, x7 = x0, y7 = x0;
            for (int i = 0; i < rows; i++) {
                int pv = vOff + i * ldv;
                int pc = cOff + i * ldc + q;
                DoubleVector c0 = DoubleVector.fromArray(S, c, pc);
                DoubleVector c1 = DoubleVector.fromArray(S, c, pc + L);
                DoubleVector b0 = DoubleVector.broadcast(S, v[pv + 0]);
                x0 = b0.fma(c0, x0);
                y0 = b0.fma(c1, y0);
                DoubleVector b1 = DoubleVector.broadcast(S, v[pv + 1]);
                x1 = b1.fma(c0, x1);
                y1 = b1.fma(c1, y1);
                DoubleVector b2 = DoubleVector.broadcast(S, v[pv + 2]);
                x2 = b2.fma(c0, x2);
                y2 = b2.fma(c1, y2);
                DoubleVector b3 = DoubleVector.broadcast(S, v[pv + 3]);
                x3 = b3.fma(c0, x3);
                y3 = b3.fma(c1, y3);
                DoubleVector b4 = DoubleVector.broadcast(S, v[pv + 4]);
                x4 = b4.fma(c0, x4);
                y4 = b4.fma(c1, y4);
                DoubleVector b5 = DoubleVector.broadcast(S, v[pv + 5]);
                x5 = b5.fma(c0, x5);
                y5 = b5.fma(c1, y5);
                DoubleVector b6 = DoubleVector.broadcast(S, v[pv + 6]);
                x6 = b6.fma(c0, x6);
                y6 = b6.fma(c1, y6);
                DoubleVector b7 = DoubleVector.broadcast(S, v[pv + 7]);
                x7 = b7.fma(c0, x7);
                y7 = b7.fma(c1, y7);
            }
            addInto(w, 0 * ldw + q, x0);
            addInto(w, 0 * ldw + q + L, y0);
            addInto(w, 1 * ldw + q, x1);
            addInto(w, 1 * ldw + q + L, y1);
            addInto(w, 2 * ldw + q, x2);
            addInto(w, 2 * ldw + q + L, y2);
            addInto(w, 3 * ldw + q, x3);
            addInto(w, 3 * ldw + q + L, y3);
            addInto(w, 4 * ldw + q, x4);
            addInto(w, 4 * ldw + q + L, y4);
            addInto(w, 5 * ldw + q, x5);
            addInto(w, 5 * ldw + q + L, y5);
            addInto(w, 6 * ldw + q, x6);
            addInto(w, 6 * ldw + q + L, y6);
            addInto(w, 7 * ldw + q, x7);
            addInto(w, 7 * ldw + q + L, y7);
        }
        for (; q < nv; q += L) {
            DoubleVector x0 = DoubleVector.zero(S), x1 = x0, x2 = x0, x3 = x0, x4 = x0, x5 = x0, x6 = x0, x7 = x0;
            for (int i = 0; i < rows; i++) {
                int pv = vOff + i * ldv;
                DoubleVector c0 = DoubleVector.fromArray(S, c, cOff + i * ldc + q);
                x0 = DoubleVector.broadcast(S, v[pv + 0]).fma(c0, x0);
                x1 = DoubleVector.broadcast(S, v[pv + 1]).fma(c0, x1);
                x2 = DoubleVector.broadcast(S, v[pv + 2]).fma(c0, x2);
                x3 = DoubleVector.broadcast(S, v[pv + 3]).fma(c0, x3);
                x4 = DoubleVector.broadcast(S, v[pv + 4]).fma(c0, x4);
                x5 = DoubleVector.broadcast(S, v[pv + 5]).fma(c0, x5);
                x6 = DoubleVector.broadcast(S, v[pv + 6]).fma(c0, x6);
                x7 = DoubleVector.broadcast(S, v[pv + 7]).fma(c0, x7);
            }
            addInto(w, 0 * ldw + q, x0);
            addInto(w, 1 * ldw + q, x1);
            addInto(w, 2 * ldw + q, x2);
            addInto(w, 3 * ldw + q, x3);
            addInto(w, 4 * ldw + q, x4);
            addInto(w, 5 * ldw + q, x5);
            addInto(w, 6 * ldw + q, x6);
            addInto(w, 7 * ldw + q, x7);
        }
        if (q < cols) {
            dotBlockScalar(v, vOff, ldv, nb, c, cOff + q, ldc, rows, cols - q, w, q, ldw);
        }
    }

    @Override
    protected void updateBlock(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc, int rows,
                               int cols, double[] w, int ldw) {
        if (nb != 8) {
            updateBlockAnyWidth(v, vOff, ldv, nb, c, cOff, ldc, rows, cols, w, ldw);
            return;
        }
        int nv = cols - cols % L;
        int q = 0;
        for (; q + 2 * L <= nv; q += 2 * L) {
            DoubleVector x0 = DoubleVector.fromArray(S, w, 0 * ldw + q);
            DoubleVector y0 = DoubleVector.fromArray(S, w, 0 * ldw + q + L);
            DoubleVector x1 = DoubleVector.fromArray(S, w, 1 * ldw + q);
            DoubleVector y1 = DoubleVector.fromArray(S, w, 1 * ldw + q + L);
            DoubleVector x2 = DoubleVector.fromArray(S, w, 2 * ldw + q);
            DoubleVector y2 = DoubleVector.fromArray(S, w, 2 * ldw + q + L);
            DoubleVector x3 = DoubleVector.fromArray(S, w, 3 * ldw + q);
            DoubleVector y3 = DoubleVector.fromArray(S, w, 3 * ldw + q + L);
            DoubleVector x4 = DoubleVector.fromArray(S, w, 4 * ldw + q);
            DoubleVector y4 = DoubleVector.fromArray(S, w, 4 * ldw + q + L);
            DoubleVector x5 = DoubleVector.fromArray(S, w, 5 * ldw + q);
            DoubleVector y5 = DoubleVector.fromArray(S, w, 5 * ldw + q + L);
            DoubleVector x6 = DoubleVector.fromArray(S, w, 6 * ldw + q);
            DoubleVector y6 = DoubleVector.fromArray(S, w, 6 * ldw + q + L);
            DoubleVector x7 = DoubleVector.fromArray(S, w, 7 * ldw + q);
            DoubleVector y7 = DoubleVector.fromArray(S, w, 7 * ldw + q + L);
            for (int i = 0; i < rows; i++) {
                int pv = vOff + i * ldv;
                int pc = cOff + i * ldc + q;
                DoubleVector c0 = DoubleVector.fromArray(S, c, pc);
                DoubleVector c1 = DoubleVector.fromArray(S, c, pc + L);
                DoubleVector b0 = DoubleVector.broadcast(S, v[pv + 0]);
                c0 = b0.fma(x0, c0);
                c1 = b0.fma(y0, c1);
                DoubleVector b1 = DoubleVector.broadcast(S, v[pv + 1]);
                c0 = b1.fma(x1, c0);
                c1 = b1.fma(y1, c1);
                DoubleVector b2 = DoubleVector.broadcast(S, v[pv + 2]);
                c0 = b2.fma(x2, c0);
                c1 = b2.fma(y2, c1);
                DoubleVector b3 = DoubleVector.broadcast(S, v[pv + 3]);
                c0 = b3.fma(x3, c0);
                c1 = b3.fma(y3, c1);
                DoubleVector b4 = DoubleVector.broadcast(S, v[pv + 4]);
                c0 = b4.fma(x4, c0);
                c1 = b4.fma(y4, c1);
                DoubleVector b5 = DoubleVector.broadcast(S, v[pv + 5]);
                c0 = b5.fma(x5, c0);
                c1 = b5.fma(y5, c1);
                DoubleVector b6 = DoubleVector.broadcast(S, v[pv + 6]);
                c0 = b6.fma(x6, c0);
                c1 = b6.fma(y6, c1);
                DoubleVector b7 = DoubleVector.broadcast(S, v[pv + 7]);
                c0 = b7.fma(x7, c0);
                c1 = b7.fma(y7, c1);
                c0.intoArray(c, pc);
                c1.intoArray(c, pc + L);
            }
        }
        for (; q < nv; q += L) {
            DoubleVector x0 = DoubleVector.fromArray(S, w, 0 * ldw + q);
            DoubleVector x1 = DoubleVector.fromArray(S, w, 1 * ldw + q);
            DoubleVector x2 = DoubleVector.fromArray(S, w, 2 * ldw + q);
            DoubleVector x3 = DoubleVector.fromArray(S, w, 3 * ldw + q);
            DoubleVector x4 = DoubleVector.fromArray(S, w, 4 * ldw + q);
            DoubleVector x5 = DoubleVector.fromArray(S, w, 5 * ldw + q);
            DoubleVector x6 = DoubleVector.fromArray(S, w, 6 * ldw + q);
            DoubleVector x7 = DoubleVector.fromArray(S, w, 7 * ldw + q);
            for (int i = 0; i < rows; i++) {
                int pv = vOff + i * ldv;
                int pc = cOff + i * ldc + q;
                DoubleVector c0 = DoubleVector.fromArray(S, c, pc);
                c0 = DoubleVector.broadcast(S, v[pv + 0]).fma(x0, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 1]).fma(x1, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 2]).fma(x2, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 3]).fma(x3, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 4]).fma(x4, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 5]).fma(x5, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 6]).fma(x6, c0);
                c0 = DoubleVector.broadcast(S, v[pv + 7]).fma(x7, c0);
                c0.intoArray(c, pc);
            }
        }
        if (q < cols) {
            updateBlockScalar(v, vOff, ldv, nb, c, cOff + q, ldc, rows, cols - q, w, q, ldw);
        }
    }

    /** Four vector accumulators, reduced lane-wise at the end; the tail in scalar code. */
    @Override
    protected double dotContiguous(double[] x, int xOff, double[] y, int yOff, int len) {
        return SimdBlas1.dotUnit(len, x, xOff, y, yOff);
    }

    @Override
    protected void axpyContiguous(double alpha, double[] x, int xOff, double[] y, int yOff, int len) {
        DoubleVector a = DoubleVector.broadcast(S, alpha);
        int i = 0;
        for (; i + L <= len; i += L) {
            a.fma(DoubleVector.fromArray(S, x, xOff + i), DoubleVector.fromArray(S, y, yOff + i))
                    .intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        }
    }

    private static void addInto(double[] w, int off, DoubleVector x) {
        DoubleVector.fromArray(S, w, off).add(x).intoArray(w, off);
    }

    /** Any block width: one vector of columns at a time, one reflector at a time. */
    private static void dotBlockAnyWidth(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc,
                                         int rows, int cols, double[] w, int ldw) {
        int nv = cols - cols % L;
        for (int a = 0; a < nb; a++) {
            for (int q = 0; q < nv; q += L) {
                DoubleVector x = DoubleVector.zero(S);
                for (int i = 0; i < rows; i++) {
                    x = DoubleVector.broadcast(S, v[vOff + i * ldv + a]).fma(DoubleVector.fromArray(S, c, cOff + i * ldc + q), x);
                }
                addInto(w, a * ldw + q, x);
            }
        }
        if (nv < cols) {
            dotBlockScalar(v, vOff, ldv, nb, c, cOff + nv, ldc, rows, cols - nv, w, nv, ldw);
        }
    }

    private static void updateBlockAnyWidth(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc,
                                            int rows, int cols, double[] w, int ldw) {
        int nv = cols - cols % L;
        for (int i = 0; i < rows; i++) {
            int pc = cOff + i * ldc;
            for (int q = 0; q < nv; q += L) {
                DoubleVector x = DoubleVector.fromArray(S, c, pc + q);
                for (int a = 0; a < nb; a++) {
                    x = DoubleVector.broadcast(S, v[vOff + i * ldv + a]).fma(DoubleVector.fromArray(S, w, a * ldw + q), x);
                }
                x.intoArray(c, pc + q);
            }
        }
        if (nv < cols) {
            updateBlockScalar(v, vOff, ldv, nb, c, cOff + nv, ldc, rows, cols - nv, w, nv, ldw);
        }
    }

    /** Column tail: w columns from wCol on. */
    private static void dotBlockScalar(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc, int rows,
                                       int cols, double[] w, int wCol, int ldw) {
        for (int a = 0; a < nb; a++) {
            for (int q = 0; q < cols; q++) {
                double s = 0;
                for (int i = 0; i < rows; i++) {
                    s = Math.fma(v[vOff + i * ldv + a], c[cOff + i * ldc + q], s);
                }
                w[a * ldw + wCol + q] += s;
            }
        }
    }

    private static void updateBlockScalar(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc,
                                          int rows, int cols, double[] w, int wCol, int ldw) {
        for (int i = 0; i < rows; i++) {
            for (int q = 0; q < cols; q++) {
                double x = c[cOff + i * ldc + q];
                for (int a = 0; a < nb; a++) {
                    x = Math.fma(v[vOff + i * ldv + a], w[a * ldw + wCol + q], x);
                }
                c[cOff + i * ldc + q] = x;
            }
        }
    }
}
