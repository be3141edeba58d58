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

    /** Destination-grouped: four columns of a destination row summed in locals over its updates. */
    @Override
    protected void gatherAddK(double[] s, int sOff, int sLd, int[] srcRow, double[] weight, int[] start, int rows,
                              double[] d, int dOff, int dLd, int cols) {
        gatherAddRange(s, sOff, sLd, srcRow, weight, start, 0, rows, d, dOff, dLd, 0, cols);
    }

    /** {@link #gatherAddK} for dst rows [i0, i1) and columns [j0, j1). */
    public static void gatherAddRange(double[] s, int sOff, int sLd, int[] srcRow, double[] weight, int[] start,
                                      int i0, int i1, double[] d, int dOff, int dLd, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int e0 = start[i];
            int e1 = start[i + 1];
            if (e0 == e1) {
                continue;
            }
            int pd = dOff + i * dLd;
            int j = j0;
            for (; j + 3 < j1; j += 4) {
                double a0 = d[pd + j], a1 = d[pd + j + 1], a2 = d[pd + j + 2], a3 = d[pd + j + 3];
                for (int e = e0; e < e1; e++) {
                    int ps = sOff + srcRow[e] * sLd + j;
                    double w = weight[e];
                    a0 = Math.fma(w, s[ps], a0);
                    a1 = Math.fma(w, s[ps + 1], a1);
                    a2 = Math.fma(w, s[ps + 2], a2);
                    a3 = Math.fma(w, s[ps + 3], a3);
                }
                d[pd + j] = a0;
                d[pd + j + 1] = a1;
                d[pd + j + 2] = a2;
                d[pd + j + 3] = a3;
            }
            for (; j < j1; j++) {
                double a = d[pd + j];
                for (int e = e0; e < e1; e++) {
                    a = Math.fma(weight[e], s[sOff + srcRow[e] * sLd + j], a);
                }
                d[pd + j] = a;
            }
        }
    }
}
