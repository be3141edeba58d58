package akr.solvers.iterative;

/** A linear map M: ℝ^cols → ℝ^rows given by its action and its transpose's action. */
public interface LinearOperator {

    int rows();

    int cols();

    /** y ← M·x (x has cols() entries, y has rows()). */
    void apply(double[] x, double[] y);

    /** x ← Mᵀ·y (y has rows() entries, x has cols()). */
    void applyTranspose(double[] y, double[] x);
}
