package akr.kernels.sketch;

import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.random.CounterRandom;

/** Element by element, in the order of the definition: the test oracle. */
final class ReferenceRowScatter extends RowScatter {

    ReferenceRowScatter(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void scatterAddK(double[] s, int sOff, int sLd, int[] srcRow, int[] dstRow, double[] weight, int count,
                               double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < cols; j++) {
                int p = dOff + dstRow[t] * dLd + j;
                d[p] = Math.fma(weight[t], s[sOff + srcRow[t] * sLd + j], d[p]);
            }
        }
    }

    @Override
    protected void spreadAddK(double[] s, int sOff, int sLd, int rows, int perRow, int[] dstRow, double[] weight,
                              double[] d, int dOff, int dLd, int cols) {
        for (int e = 0; e < rows * perRow; e++) {
            for (int j = 0; j < cols; j++) {
                int p = dOff + dstRow[e] * dLd + j;
                d[p] = Math.fma(weight[e], s[sOff + (e / perRow) * sLd + j], d[p]);
            }
        }
    }

    @Override
    protected void countSketchAddK(double[] s, int sOff, int sLd, int rows, long firstRow, long key, int m,
                                   double[] d, int dOff, int dLd, int cols) {
        for (int t = 0; t < rows; t++) {
            long w = CounterRandom.bitsWithKey(key, firstRow + t);
            int i = CountSketch.bucketOf(w, m);
            double sign = CountSketch.signOf(w);
            for (int j = 0; j < cols; j++) {
                int p = dOff + i * dLd + j;
                d[p] = Math.fma(sign, s[sOff + t * sLd + j], d[p]);
            }
        }
    }
}
