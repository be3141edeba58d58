package akr.solvers.attention;

/**
 * One way from a validated, scaled problem to a result: {@link DenseRoute}, or {@link PcgRoute} on
 * the materialised or the matrix-free form of the matrix. Made by {@link AttentionRoutes}.
 */
interface AttentionRoute {

    /** The route this is (never AUTO). */
    Route route();

    /**
     * Solves the system and reports the result.
     *
     * @param startNanos {@link System#nanoTime()} at the start of the solve, for the total time
     */
    AttentionResult solve(ScaledSystem system, AttentionOptions options, long startNanos);
}
