package akr.solvers.power;

/**
 * One way of solving the power problems (a {@link Method}); made by {@link PowerRoutes}.
 * Implementations are stateless and thread-safe: each solve keeps its state to itself.
 */
public interface PowerRoute {

    /** The method this route runs ({@link Method#AUTO} for the route that chooses one). */
    Method method();

    /**
     * Solves {@code problem} by this route. {@code options.method()} is not read (the route is the
     * method); every other option is, and every kernel runs on {@code options.kernels()}.
     *
     * @throws IllegalArgumentException for a null argument, sketch rows outside [d, n] or a
     *                                  non-finite entry of A (named)
     * @throws RankDeficientException   when A is numerically rank deficient for this route
     * @throws ArithmeticException      when a finite A overflows the route's first pass
     */
    PowerResult solve(PowerProblem problem, PowerOptions options);
}
