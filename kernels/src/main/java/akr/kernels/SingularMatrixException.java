package akr.kernels;

/**
 * A factorisation or triangular solve met a pivot or diagonal entry it cannot divide by (zero, not
 * finite, or — for Cholesky — not positive). {@link #index()} is the 0-based position, so callers
 * can tell where a matrix is (numerically) rank deficient.
 */
public class SingularMatrixException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int index;

    public SingularMatrixException(String message, int index) {
        super(message);
        this.index = index;
    }

    /** The 0-based index of the offending diagonal entry or pivot. */
    public int index() {
        return index;
    }
}
