package akr.solvers.attention;

/**
 * The factory of the solver's parts: the route and the preconditioner strategy for each
 * {@link Preconditioner} option.
 */
final class AttentionRoutes {

    private AttentionRoutes() {
    }

    /** The route that runs the given option. */
    static AttentionRoute route(Preconditioner p) {
        return p == Preconditioner.DIRECT ? new DirectRoute() : new PcgRoute(preconditioner(p));
    }

    /**
     * The preconditioner strategy of an iterative option.
     *
     * @throws IllegalArgumentException for DIRECT, which is not a preconditioner of PCG
     */
    static AttentionPreconditioner preconditioner(Preconditioner p) {
        return switch (p) {
            case AUTO -> new AutoPreconditioner();
            case RPCHOLESKY -> new RpCholeskyPreconditioner();
            case SKETCH -> new SketchPreconditioner();
            case JACOBI -> new JacobiPreconditioner();
            case NONE -> new NoPreconditioner();
            case DIRECT -> throw new IllegalArgumentException("direct is a route, not a preconditioner of PCG");
        };
    }
}
