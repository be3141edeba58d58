package akr.kernels.simd;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.sketch.RowScatter;
import akr.kernels.sketch.ScalarRowScatter;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API scatter-add: each row update is a loop of vector fused multiply-adds over the columns
 * (two vectors per step), the tail finished in scalar code. The destination rows of a sketch
 * (m×d, 128 KB for 256×64) stay in L1/L2, so the loop runs at load/store throughput.
 */
public final class SimdRowScatter extends RowScatter {

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int L = S.length();

    public SimdRowScatter(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight, int count,
                               double[] d, int dOff, int dLd, int cols) {
        int nv2 = cols - cols % (2 * L);
        int nv = cols - cols % L;
        for (int t = 0; t < count; t++) {
            int ps = sOff + srcRow[t] * sLd;
            int pd = dOff + dstRow[t] * dLd;
            double w = weight[t];
            DoubleVector wv = DoubleVector.broadcast(S, w);
            int j = 0;
            for (; j < nv2; j += 2 * L) {
                DoubleVector a0 = DoubleVector.fromArray(S, s, ps + j);
                DoubleVector a1 = DoubleVector.fromArray(S, s, ps + j + L);
                DoubleVector d0 = DoubleVector.fromArray(S, d, pd + j);
                DoubleVector d1 = DoubleVector.fromArray(S, d, pd + j + L);
                wv.fma(a0, d0).intoArray(d, pd + j);
                wv.fma(a1, d1).intoArray(d, pd + j + L);
            }
            for (; j < nv; j += L) {
                wv.fma(DoubleVector.fromArray(S, s, ps + j), DoubleVector.fromArray(S, d, pd + j)).intoArray(d, pd + j);
            }
            for (; j < cols; j++) {
                d[pd + j] = Math.fma(w, s[ps + j], d[pd + j]);
            }
        }
    }

    /**
     * Destination-grouped: for each destination row, up to eight vectors of its columns are held in
     * registers while all its updates are summed into them (eight independent fma chains, one
     * loop exit per destination row and column chunk, so neither fma latency nor branch
     * mispredictions dominate), then stored once. Column tails shorter than a vector are finished by
     * the scalar kernel.
     */
    @Override
    protected void gatherAddK(double[] s, int sOff, int sLd, int[] srcRow, double[] weight, int[] start, int rows,
                              double[] d, int dOff, int dLd, int cols) {
        int nv = cols - cols % L;
        if (nv > 0) {
            for (int i = 0; i < rows; i++) {
                int e0 = start[i], e1 = start[i + 1];
                if (e0 == e1) {
                    continue;
                }
                int pd = dOff + i * dLd;
                int j = 0;
                for (; j + 8 * L <= nv; j += 8 * L) {
                    int q = pd + j;
                    DoubleVector a0 = DoubleVector.fromArray(S, d, q);
                    DoubleVector a1 = DoubleVector.fromArray(S, d, q + L);
                    DoubleVector a2 = DoubleVector.fromArray(S, d, q + 2 * L);
                    DoubleVector a3 = DoubleVector.fromArray(S, d, q + 3 * L);
                    DoubleVector a4 = DoubleVector.fromArray(S, d, q + 4 * L);
                    DoubleVector a5 = DoubleVector.fromArray(S, d, q + 5 * L);
                    DoubleVector a6 = DoubleVector.fromArray(S, d, q + 6 * L);
                    DoubleVector a7 = DoubleVector.fromArray(S, d, q + 7 * L);
                    for (int e = e0; e < e1; e++) {
                        int ps = sOff + srcRow[e] * sLd + j;
                        DoubleVector w = DoubleVector.broadcast(S, weight[e]);
                        a0 = DoubleVector.fromArray(S, s, ps).fma(w, a0);
                        a1 = DoubleVector.fromArray(S, s, ps + L).fma(w, a1);
                        a2 = DoubleVector.fromArray(S, s, ps + 2 * L).fma(w, a2);
                        a3 = DoubleVector.fromArray(S, s, ps + 3 * L).fma(w, a3);
                        a4 = DoubleVector.fromArray(S, s, ps + 4 * L).fma(w, a4);
                        a5 = DoubleVector.fromArray(S, s, ps + 5 * L).fma(w, a5);
                        a6 = DoubleVector.fromArray(S, s, ps + 6 * L).fma(w, a6);
                        a7 = DoubleVector.fromArray(S, s, ps + 7 * L).fma(w, a7);
                    }
                    a0.intoArray(d, q);
                    a1.intoArray(d, q + L);
                    a2.intoArray(d, q + 2 * L);
                    a3.intoArray(d, q + 3 * L);
                    a4.intoArray(d, q + 4 * L);
                    a5.intoArray(d, q + 5 * L);
                    a6.intoArray(d, q + 6 * L);
                    a7.intoArray(d, q + 7 * L);
                }
                for (; j + 2 * L <= nv; j += 2 * L) {
                    int q = pd + j;
                    DoubleVector a0 = DoubleVector.fromArray(S, d, q);
                    DoubleVector a1 = DoubleVector.fromArray(S, d, q + L);
                    for (int e = e0; e < e1; e++) {
                        int ps = sOff + srcRow[e] * sLd + j;
                        DoubleVector w = DoubleVector.broadcast(S, weight[e]);
                        a0 = DoubleVector.fromArray(S, s, ps).fma(w, a0);
                        a1 = DoubleVector.fromArray(S, s, ps + L).fma(w, a1);
                    }
                    a0.intoArray(d, q);
                    a1.intoArray(d, q + L);
                }
                for (; j < nv; j += L) {
                    int q = pd + j;
                    DoubleVector a0 = DoubleVector.fromArray(S, d, q);
                    for (int e = e0; e < e1; e++) {
                        a0 = DoubleVector.fromArray(S, s, sOff + srcRow[e] * sLd + j)
                                .fma(DoubleVector.broadcast(S, weight[e]), a0);
                    }
                    a0.intoArray(d, q);
                }
            }
        }
        if (nv < cols) {
            ScalarRowScatter.gatherAddRange(s, sOff, sLd, srcRow, weight, start, 0, rows, d, dOff, dLd, nv, cols);
        }
    }
}
