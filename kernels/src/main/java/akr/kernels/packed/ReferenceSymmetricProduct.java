package akr.kernels.packed;

import akr.kernels.DenseMatrix;
import akr.kernels.parallel.ParallelExecutor;

/** Naive product: y_i = Σ_j H(i, j)·x_j over the full symmetric matrix, left to right, single-threaded. */
final class ReferenceSymmetricProduct extends SymmetricProduct {

    ReferenceSymmetricProduct(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void multiplyK(PackedSymmetric h, DenseMatrix xt, DenseMatrix yt) {
        int n = h.n();
        for (int c = 0; c < xt.rows(); c++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += h.get(i, j) * xt.get(c, j);
                }
                yt.set(c, i, s);
            }
        }
    }
}
