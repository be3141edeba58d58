package akr.kernels.sketch;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/** Scalar scatter-add: one row update at a time, the column loop unrolled by four. */
final class ScalarRowScatter extends RowScatter {

    ScalarRowScatter(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight, int count,
                               double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < count; t++) {
            addRow(weight[t], s, sOff + srcRow[t] * sLd, d, dOff + dstRow[t] * dLd, cols);
        }
    }

    @Override
    protected void spreadAddK(double[] s, int sOff, int sLd, int rows, int perRow, int[] dstRow, double[] weight,
                              double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < rows; t++) {
            for (int e = t * perRow; e < (t + 1) * perRow; e++) {
                addRow(weight[e], s, sOff + t * sLd, d, dOff + dstRow[e] * dLd, cols);
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

    /** d[pd + j] ← fma(w, s[ps + j], d[pd + j]) for j &lt; cols, unrolled by four. */
    private static void addRow(double w, double[] s, int ps, double[] d, int pd, int cols) {
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
