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
     * Destination-grouped: four destination rows at a time, one vector of columns of each held in a
     * register while the updates are summed into it — jointly over the shortest of the four update
     * lists (four independent fma chains, so the loop runs at load throughput rather than fma
     * latency), then each row's remaining updates. Column tails shorter than a vector are finished
     * by the scalar kernel.
     */
    @Override
    protected void gatherAddK(double[] s, int sOff, int sLd, int[] srcRow, double[] weight, int[] start, int rows,
                              double[] d, int dOff, int dLd, int cols) {
        int nv = cols - cols % L;
        if (nv > 0) {
            int i = 0;
            for (; i + 3 < rows; i += 4) {
                int e0 = start[i], e1 = start[i + 1], e2 = start[i + 2], e3 = start[i + 3], e4 = start[i + 4];
                if (e0 == e4) {
                    continue;
                }
                int common = Math.min(Math.min(e1 - e0, e2 - e1), Math.min(e3 - e2, e4 - e3));
                int p0 = dOff + i * dLd;
                int p1 = p0 + dLd;
                int p2 = p1 + dLd;
                int p3 = p2 + dLd;
                for (int j = 0; j < nv; j += L) {
                    DoubleVector a0 = DoubleVector.fromArray(S, d, p0 + j);
                    DoubleVector a1 = DoubleVector.fromArray(S, d, p1 + j);
                    DoubleVector a2 = DoubleVector.fromArray(S, d, p2 + j);
                    DoubleVector a3 = DoubleVector.fromArray(S, d, p3 + j);
                    int sj = sOff + j;
                    for (int k = 0; k < common; k++) {
                        a0 = DoubleVector.fromArray(S, s, sj + srcRow[e0 + k] * sLd)
                                .fma(DoubleVector.broadcast(S, weight[e0 + k]), a0);
                        a1 = DoubleVector.fromArray(S, s, sj + srcRow[e1 + k] * sLd)
                                .fma(DoubleVector.broadcast(S, weight[e1 + k]), a1);
                        a2 = DoubleVector.fromArray(S, s, sj + srcRow[e2 + k] * sLd)
                                .fma(DoubleVector.broadcast(S, weight[e2 + k]), a2);
                        a3 = DoubleVector.fromArray(S, s, sj + srcRow[e3 + k] * sLd)
                                .fma(DoubleVector.broadcast(S, weight[e3 + k]), a3);
                    }
                    a0 = rest(s, sj, sLd, srcRow, weight, e0 + common, e1, a0);
                    a1 = rest(s, sj, sLd, srcRow, weight, e1 + common, e2, a1);
                    a2 = rest(s, sj, sLd, srcRow, weight, e2 + common, e3, a2);
                    a3 = rest(s, sj, sLd, srcRow, weight, e3 + common, e4, a3);
                    a0.intoArray(d, p0 + j);
                    a1.intoArray(d, p1 + j);
                    a2.intoArray(d, p2 + j);
                    a3.intoArray(d, p3 + j);
                }
            }
            for (; i < rows; i++) {
                int e0 = start[i], e1 = start[i + 1];
                if (e0 == e1) {
                    continue;
                }
                int p0 = dOff + i * dLd;
                for (int j = 0; j < nv; j += L) {
                    rest(s, sOff + j, sLd, srcRow, weight, e0, e1, DoubleVector.fromArray(S, d, p0 + j))
                            .intoArray(d, p0 + j);
                }
            }
        }
        if (nv < cols) {
            ScalarRowScatter.gatherAddRange(s, sOff, sLd, srcRow, weight, start, 0, rows, d, dOff, dLd, nv, cols);
        }
    }

    private static DoubleVector rest(double[] s, int sj, int sLd, int[] srcRow, double[] weight, int e0, int e1,
                                     DoubleVector acc) {
        for (int e = e0; e < e1; e++) {
            acc = DoubleVector.fromArray(S, s, sj + srcRow[e] * sLd).fma(DoubleVector.broadcast(S, weight[e]), acc);
        }
        return acc;
    }
}
