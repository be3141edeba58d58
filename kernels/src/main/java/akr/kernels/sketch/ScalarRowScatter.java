package akr.kernels.sketch;

import akr.kernels.parallel.ParallelExecutor;

/** Scalar scatter-add: one row update at a time, the column loop unrolled by four. */
public final class ScalarRowScatter extends RowScatter {

    public ScalarRowScatter(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight, int count,
                               double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < count; t++) {
            int ps = sOff + srcRow[t] * sLd;
            int pd = dOff + dstRow[t] * dLd;
            double w = weight[t];
            int j = 0;
            for (; j + 3 < cols; j += 4) {
                d[pd + j] = Math.fma(w, s[ps + j], d[pd + j]);
                d[pd + j + 1] = Math.fma(w, s[ps + j + 1], d[pd + j + 1]);
                d[pd + j + 2] = Math.fma(w, s[ps + j + 2], d[pd + j + 2]);
                d[pd + j + 3] = Math.fma(w, s[ps + j + 3], d[pd + j + 3]);
            }
            for (; j < cols; j++) {
                d[pd + j] = Math.fma(w, s[ps + j], d[pd + j]);
            }
        }
    }
}
