package akr.kernels.simd;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.sketch.RowScatter;
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
}
