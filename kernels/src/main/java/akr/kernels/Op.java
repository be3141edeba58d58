package akr.kernels;

/** Whether a matrix operand is used as it is ({@link #N}) or transposed ({@link #T}). */
public enum Op {
    /** op(A) = A. */
    N,
    /** op(A) = Aᵀ. */
    T;

    /** Rows of op(A). */
    public int rows(DenseMatrix a) {
        return this == N ? a.rows() : a.cols();
    }

    /** Columns of op(A). */
    public int cols(DenseMatrix a) {
        return this == N ? a.cols() : a.rows();
    }
}
