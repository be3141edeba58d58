package akr.solvers.attention;

import akr.kernels.DenseMatrix;

/**
 * The scaled matrix H = G + λD⁻² of a {@link ScaledSystem}, as a route holds it: applied by the
 * fused exp-Gram operator ({@link ScaledSystem}'s own, matrix-free) or read from a stored copy
 * ({@link MaterialisedMatrix}).
 */
interface ScaledMatrix {

    /** y[c] ← H·x[c] for every c. */
    void multiply(double[][] x, double[][] y);

    /** The n×q matrix of the columns {@code cols} of G (H without its ridge diagonal). */
    DenseMatrix gaussianColumns(int[] cols);

    /** Bytes this form holds beyond A (0 for the matrix-free operator). */
    long bytes();
}
