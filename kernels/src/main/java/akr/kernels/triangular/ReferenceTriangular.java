package akr.kernels.triangular;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

/**
 * Substitution one element at a time: the test oracle. op(T) is read through an element accessor,
 * so the four (uplo, op) cases reduce to "lower" or "upper" effective triangles.
 */
final class ReferenceTriangular extends Triangular {

    ReferenceTriangular(ParallelExecutor executor) {
        super(executor);
    }

    /** Element (i, j) of op(T). */
    private static double opT(DenseMatrix t, Op op, int i, int j) {
        return op == Op.N ? t.get(i, j) : t.get(j, i);
    }

    /** Whether op(T) is lower triangular. */
    private static boolean effectiveLower(Uplo uplo, Op op) {
        return (uplo == Uplo.LOWER) == (op == Op.N);
    }

    @Override
    protected void trsvK(Uplo uplo, Op op, Diag diag, DenseMatrix t, double[] x, int xOff) {
        solveVector(uplo, op, diag, t, x, xOff, 1);
    }

    /** Solves op(T)·v = v for the strided vector v. */
    private static void solveVector(Uplo uplo, Op op, Diag diag, DenseMatrix t, double[] x, int off, int inc) {
        int n = t.rows();
        if (effectiveLower(uplo, op)) {
            for (int i = 0; i < n; i++) {
                double s = x[off + i * inc];
                for (int j = 0; j < i; j++) {
                    s -= opT(t, op, i, j) * x[off + j * inc];
                }
                x[off + i * inc] = diag == Diag.UNIT ? s : s / opT(t, op, i, i);
            }
        } else {
            for (int i = n - 1; i >= 0; i--) {
                double s = x[off + i * inc];
                for (int j = i + 1; j < n; j++) {
                    s -= opT(t, op, i, j) * x[off + j * inc];
                }
                x[off + i * inc] = diag == Diag.UNIT ? s : s / opT(t, op, i, i);
            }
        }
    }

    @Override
    protected void trsmK(Side side, Uplo uplo, Op op, Diag diag, double alpha, DenseMatrix t, DenseMatrix b) {
        double[] d = b.data();
        for (int i = 0; i < b.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                d[b.index(i, j)] *= alpha;
            }
        }
        if (side == Side.LEFT) {
            // each column of B: op(T)·x = b_j
            for (int j = 0; j < b.cols(); j++) {
                solveVector(uplo, op, diag, t, d, b.index(0, j), b.ld());
            }
        } else {
            // each row of B: x·op(T) = b_i  ⇔  op(T)ᵀ·xᵀ = b_iᵀ
            Op flipped = op == Op.N ? Op.T : Op.N;
            for (int i = 0; i < b.rows(); i++) {
                solveVector(uplo, flipped, diag, t, d, b.index(i, 0), 1);
            }
        }
    }
}
