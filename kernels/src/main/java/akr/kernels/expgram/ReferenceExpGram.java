package akr.kernels.expgram;

import akr.kernels.DenseMatrix;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Naive exp-Gram products, single-threaded: every entry is computed on its own with
 * {@link StrictMath#exp} (exp(⟨b_i, a_j⟩) from a left-to-right dot product, or exp(−‖b_i − a_j‖²/2)
 * from the squared difference, which is accurate also when the points are close) and the sums run
 * left to right. The oracle of the property tests.
 */
final class ReferenceExpGram extends ExpGram {

    ReferenceExpGram(ParallelExecutor executor) {
        super(executor);
    }

    /** One kernel entry, computed directly from its definition. */
    static double entry(DenseMatrix b, int i, DenseMatrix a, int j, Form form) {
        double s = 0;
        for (int k = 0; k < a.cols(); k++) {
            if (form == Form.EXP) {
                s += b.get(i, k) * a.get(j, k);
            } else {
                double t = b.get(i, k) - a.get(j, k);
                s += t * t;
            }
        }
        return form == Form.EXP ? StrictMath.exp(s) : StrictMath.exp(-0.5 * s);
    }

    @Override
    protected void multiplyK(DenseMatrix a, Form form, double shift, DenseMatrix x, DenseMatrix y) {
        multiplyCrossK(a, a, form, x, y);
        for (int i = 0; i < a.rows(); i++) {
            for (int c = 0; c < x.cols(); c++) {
                y.set(i, c, y.get(i, c) + shift * x.get(i, c));
            }
        }
    }

    @Override
    protected void multiplyCrossK(DenseMatrix b, DenseMatrix a, Form form, DenseMatrix x, DenseMatrix y) {
        int r = x.cols();
        double[] sum = new double[r];
        for (int i = 0; i < b.rows(); i++) {
            java.util.Arrays.fill(sum, 0.0);
            for (int j = 0; j < a.rows(); j++) {
                double w = entry(b, i, a, j, form);
                for (int c = 0; c < r; c++) {
                    sum[c] += w * x.get(j, c);
                }
            }
            for (int c = 0; c < r; c++) {
                y.set(i, c, sum[c]);
            }
        }
    }

    @Override
    protected void columnsK(DenseMatrix a, Form form, int[] cols, DenseMatrix out) {
        for (int i = 0; i < a.rows(); i++) {
            for (int q = 0; q < cols.length; q++) {
                out.set(i, q, entry(a, i, a, cols[q], form));
            }
        }
    }
}
