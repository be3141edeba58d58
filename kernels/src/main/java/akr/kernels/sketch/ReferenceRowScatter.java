package akr.kernels.sketch;

import akr.kernels.parallel.ParallelExecutor;

/** Element by element, in the order of the definition: the test oracle. */
public final class ReferenceRowScatter extends RowScatter {

    public ReferenceRowScatter(ParallelExecutor executor) {
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
    protected void gatherAddK(double[] s, int sOff, int sLd, int[] srcRow, double[] weight, int[] start, int rows,
                              double[] d, int dOff, int dLd, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int e = start[i]; e < start[i + 1]; e++) {
                for (int j = 0; j < cols; j++) {
                    int p = dOff + i * dLd + j;
                    d[p] = Math.fma(weight[e], s[sOff + srcRow[e] * sLd + j], d[p]);
                }
            }
        }
    }
}
