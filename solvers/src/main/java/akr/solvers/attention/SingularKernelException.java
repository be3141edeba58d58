package akr.solvers.attention;

/**
 * K = exp(A·Aᵀ) (or K + λI) is singular or numerically not positive definite, so (K + λI)x = b has
 * no unique solution: typically duplicate rows of A with λ = 0. The message names the rows (or the
 * pivot) and suggests a ridge λ &gt; 0.
 */
public final class SingularKernelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final int[] rows;

    public SingularKernelException(String message, int... rows) {
        super(message);
        this.rows = rows.clone();
    }

    /** The rows involved (the duplicate pair, or the failing pivot). */
    public int[] rows() {
        return rows.clone();
    }
}
