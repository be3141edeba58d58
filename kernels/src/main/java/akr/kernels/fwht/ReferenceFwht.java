package akr.kernels.fwht;

import akr.kernels.DenseMatrix;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The textbook transform, single-threaded: stage after stage (h = 1, 2, 4, …), every pair
 * (i, i + h) with i AND h = 0 replaced by its sum and difference. The test oracle.
 */
final class ReferenceFwht extends Fwht {

    ReferenceFwht(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void transformK(double[] x, int off, int len) {
        for (int h = 1; h < len; h <<= 1) {
            for (int i = 0; i < len; i++) {
                if ((i & h) == 0) {
                    double a = x[off + i];
                    double b = x[off + i + h];
                    x[off + i] = a + b;
                    x[off + i + h] = a - b;
                }
            }
        }
    }

    @Override
    protected void transformRowsK(DenseMatrix a) {
        int n = a.rows();
        for (int h = 1; h < n; h <<= 1) {
            for (int i = 0; i < n; i++) {
                if ((i & h) == 0) {
                    for (int j = 0; j < a.cols(); j++) {
                        double u = a.get(i, j);
                        double v = a.get(i + h, j);
                        a.set(i, j, u + v);
                        a.set(i + h, j, u - v);
                    }
                }
            }
        }
    }
}
