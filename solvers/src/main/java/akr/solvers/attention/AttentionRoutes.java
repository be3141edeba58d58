package akr.solvers.attention;

/**
 * The factory of the solver's parts: the route of the options (AUTO resolved by the memory budget
 * and {@link RouteCosts}) and the preconditioner strategy of each {@link Preconditioner} option.
 */
final class AttentionRoutes {

    private AttentionRoutes() {
    }

    /** The route that runs the options on this system. */
    static AttentionRoute route(ScaledSystem s, AttentionOptions o) {
        Route r = o.route() == Route.AUTO ? choose(s.n, s.a.cols(), s.columns(), o) : o.route();
        return r == Route.DENSE ? new DenseRoute() : new PcgRoute(r, preconditioner(o.preconditioner()));
    }

    /**
     * AUTO's choice: among the routes whose stored matrix fits the budget, the one
     * {@link RouteCosts} estimates fastest. NONE runs on the unscaled K + λI, which only the
     * matrix-free route applies.
     */
    static Route choose(int n, int d, int columns, AttentionOptions o) {
        long budget = o.effectiveMemoryLimit();
        long vectors = MemoryBudget.vectorBytes(n, columns);
        if (o.preconditioner() == Preconditioner.NONE) {
            return Route.MATRIX_FREE;
        }
        Route best = Route.MATRIX_FREE;
        double cost = RouteCosts.matrixFree(n, d, columns);
        if (MemoryBudget.materialisedBytes(n) + vectors <= budget
                && RouteCosts.materialised(n, d, columns) < cost) {
            best = Route.MATERIALISED;
            cost = RouteCosts.materialised(n, d, columns);
        }
        if (MemoryBudget.denseBytes(n) + vectors <= budget && RouteCosts.dense(n, d) < cost) {
            best = Route.DENSE;
        }
        return best;
    }

    /** The preconditioner strategy of an option. */
    static AttentionPreconditioner preconditioner(Preconditioner p) {
        return switch (p) {
            case AUTO -> new AutoPreconditioner();
            case RPCHOLESKY -> new RpCholeskyPreconditioner();
            case SKETCH -> new SketchPreconditioner();
            case JACOBI -> new JacobiPreconditioner();
            case NONE -> new NoPreconditioner();
        };
    }
}
