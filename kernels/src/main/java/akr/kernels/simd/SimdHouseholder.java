package akr.kernels.simd;

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
 * Columns left over after the last full vector are done in scalar code.
 */
public final class SimdHouseholder extends Householder {

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
}
