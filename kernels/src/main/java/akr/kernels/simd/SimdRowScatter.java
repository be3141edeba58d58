package akr.kernels.simd;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;
import akr.kernels.sketch.CountSketch;
import akr.kernels.sketch.RowScatter;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API scatter-add: each row update is a loop of vector fused multiply-adds over the columns
 * (eight vectors per step, then two, then one), the tail finished in scalar code. The destination
 * rows of a sketch (m×d, 128 KB for 256×64) stay in L1/L2 while A streams from memory once.
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
        for (int t = 0; t < count; t++) {
            addRow(weight[t], s, sOff + srcRow[t] * sLd, d, dOff + dstRow[t] * dLd, cols);
        }
    }

    /**
     * Eight vectors of the source row held in registers while they are added to each of its
     * destinations rather than reloaded per destination
     * (bench/notes/2026-12-01-sparse-sketches.md), then two and one at a time, the last columns in
     * scalar code.
     */
    @Override
    protected void spreadAddK(double[] s, int sOff, int sLd, int rows, int perRow, int[] dstRow, double[] weight,
                              double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < rows; t++) {
            int ps = sOff + t * sLd;
            int e0 = t * perRow;
            int e1 = e0 + perRow;
            int j = 0;
            for (; j + 8 * L <= cols; j += 8 * L) {
                int p = ps + j;
                DoubleVector a0 = DoubleVector.fromArray(S, s, p);
                DoubleVector a1 = DoubleVector.fromArray(S, s, p + L);
                DoubleVector a2 = DoubleVector.fromArray(S, s, p + 2 * L);
                DoubleVector a3 = DoubleVector.fromArray(S, s, p + 3 * L);
                DoubleVector a4 = DoubleVector.fromArray(S, s, p + 4 * L);
                DoubleVector a5 = DoubleVector.fromArray(S, s, p + 5 * L);
                DoubleVector a6 = DoubleVector.fromArray(S, s, p + 6 * L);
                DoubleVector a7 = DoubleVector.fromArray(S, s, p + 7 * L);
                for (int e = e0; e < e1; e++) {
                    int q = dOff + dstRow[e] * dLd + j;
                    DoubleVector w = DoubleVector.broadcast(S, weight[e]);
                    a0.fma(w, DoubleVector.fromArray(S, d, q)).intoArray(d, q);
                    a1.fma(w, DoubleVector.fromArray(S, d, q + L)).intoArray(d, q + L);
                    a2.fma(w, DoubleVector.fromArray(S, d, q + 2 * L)).intoArray(d, q + 2 * L);
                    a3.fma(w, DoubleVector.fromArray(S, d, q + 3 * L)).intoArray(d, q + 3 * L);
                    a4.fma(w, DoubleVector.fromArray(S, d, q + 4 * L)).intoArray(d, q + 4 * L);
                    a5.fma(w, DoubleVector.fromArray(S, d, q + 5 * L)).intoArray(d, q + 5 * L);
                    a6.fma(w, DoubleVector.fromArray(S, d, q + 6 * L)).intoArray(d, q + 6 * L);
                    a7.fma(w, DoubleVector.fromArray(S, d, q + 7 * L)).intoArray(d, q + 7 * L);
                }
            }
            for (; j + 2 * L <= cols; j += 2 * L) {
                DoubleVector a0 = DoubleVector.fromArray(S, s, ps + j);
                DoubleVector a1 = DoubleVector.fromArray(S, s, ps + j + L);
                for (int e = e0; e < e1; e++) {
                    int q = dOff + dstRow[e] * dLd + j;
                    DoubleVector w = DoubleVector.broadcast(S, weight[e]);
                    a0.fma(w, DoubleVector.fromArray(S, d, q)).intoArray(d, q);
                    a1.fma(w, DoubleVector.fromArray(S, d, q + L)).intoArray(d, q + L);
                }
            }
            for (; j + L <= cols; j += L) {
                DoubleVector a0 = DoubleVector.fromArray(S, s, ps + j);
                for (int e = e0; e < e1; e++) {
                    int q = dOff + dstRow[e] * dLd + j;
                    a0.fma(DoubleVector.broadcast(S, weight[e]), DoubleVector.fromArray(S, d, q)).intoArray(d, q);
                }
            }
            if (j < cols) {
                for (int e = e0; e < e1; e++) {
                    int q = dOff + dstRow[e] * dLd;
                    double w = weight[e];
                    for (int jj = j; jj < cols; jj++) {
                        d[q + jj] = Math.fma(w, s[ps + jj], d[q + jj]);
                    }
                }
            }
        }
    }

    @Override
    protected void countSketchAddK(double[] s, int sOff, int sLd, int rows, long firstRow, long key, int m,
                                   double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < rows; t++) {
            long w = CounterRandom.bitsWithKey(key, firstRow + t);
            addRow(CountSketch.signOf(w), s, sOff + t * sLd, d, dOff + CountSketch.bucketOf(w, m) * dLd, cols);
        }
    }

    /**
     * One row update, d[pd + j] ← fma(w, s[ps + j], d[pd + j]) for j &lt; cols: eight vectors per step
     * (each an independent load-fma-store), then two, then one, the tail in scalar code.
     */
    private static void addRow(double w, double[] s, int ps, double[] d, int pd, int cols) {
        DoubleVector wv = DoubleVector.broadcast(S, w);
        int nv = cols - cols % L;
        int j = 0;
        for (; j + 8 * L <= nv; j += 8 * L) {
            for (int k = 0; k < 8 * L; k += L) {
                DoubleVector.fromArray(S, s, ps + j + k).fma(wv, DoubleVector.fromArray(S, d, pd + j + k))
                        .intoArray(d, pd + j + k);
            }
        }
        for (; j + 2 * L <= nv; j += 2 * L) {
            DoubleVector a0 = DoubleVector.fromArray(S, s, ps + j);
            DoubleVector a1 = DoubleVector.fromArray(S, s, ps + j + L);
            a0.fma(wv, DoubleVector.fromArray(S, d, pd + j)).intoArray(d, pd + j);
            a1.fma(wv, DoubleVector.fromArray(S, d, pd + j + L)).intoArray(d, pd + j + L);
        }
        for (; j < nv; j += L) {
            DoubleVector.fromArray(S, s, ps + j).fma(wv, DoubleVector.fromArray(S, d, pd + j)).intoArray(d, pd + j);
        }
        for (; j < cols; j++) {
            d[pd + j] = Math.fma(w, s[ps + j], d[pd + j]);
        }
    }
}
