package akr.solvers.iterative;

import java.util.function.BiConsumer;

/**
 * A linear map M: ℝ^cols → ℝ^rows given by its action and its transpose's action: the one operator
 * type of the iterative methods ({@link Pcg} takes square symmetric ones, {@link Lsqr} any).
 */
public interface LinearOperator {

    int rows();

    int cols();

    /** y ← M·x (x has cols() entries, y has rows()). */
    void apply(double[] x, double[] y);

    /** x ← Mᵀ·y (y has rows() entries, x has cols()). */
    void applyTranspose(double[] y, double[] x);

    /** The symmetric n×n operator whose action is {@code action} (in, out); it is its own transpose. */
    static LinearOperator symmetric(int n, BiConsumer<double[], double[]> action) {
        if (n < 0 || action == null) {
            throw new IllegalArgumentException("symmetric operator: n = " + n + ", action " + action);
        }
        return new LinearOperator() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public int cols() {
                return n;
            }

            @Override
            public void apply(double[] x, double[] y) {
                action.accept(x, y);
            }

            @Override
            public void applyTranspose(double[] y, double[] x) {
                action.accept(y, x);
            }
        };
    }
}
