package akr.solvers.attention;

/**
 * One way from a validated, scaled problem to a result: {@link PcgRoute} for the iterative
 * preconditioners, {@link DirectRoute} for DIRECT. Made by {@link AttentionRoutes#route}.
 */
interface AttentionRoute {

    /** The option this route implements. */
    Preconditioner kind();

    /**
     * Solves the system and reports the result.
     *
     * @param startNanos {@link System#nanoTime()} at the start of the solve, for the total time
     */
    AttentionResult solve(ScaledSystem system, AttentionOptions options, long startNanos);
}
