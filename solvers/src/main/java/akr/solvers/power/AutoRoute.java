package akr.solvers.power;

/**
 * {@link Method#AUTO}: the normal equations ({@link NormalRoute}) first; when they are declined
 * (Cholesky breakdown, κ(AᵀA) beyond 1/(100u), or AᵀA overflowing a finite A), the route of
 * {@link PowerSolver#fallback}, with the declined attempt's time counted in the factor and total
 * times. The policy and its measurements are documented at {@link PowerSolver#resolve}.
 */
final class AutoRoute implements PowerRoute {

    private final NormalRoute normal;

    AutoRoute(NormalRoute normal) {
        this.normal = normal;
    }

    @Override
    public Method method() {
        return Method.AUTO;
    }

    @Override
    public PowerResult solve(PowerProblem problem, PowerOptions options) {
        SolveState.check(problem, options);
        long t0 = System.nanoTime();
        try {
            return normal.run(new SolveState(problem, options, Method.NORMAL, true, 0));
        } catch (SolveState.NormalEquationsDeclined e) {
            Method m = PowerSolver.fallback(problem.leastSquares(), problem.rows(), problem.cols());
            StagedRoute fallback = (StagedRoute) PowerRoutes.of(m);
            return fallback.run(new SolveState(problem, options, m, false, SolveState.seconds(t0)));
        }
    }
}
