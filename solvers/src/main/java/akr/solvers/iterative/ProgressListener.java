package akr.solvers.iterative;

/** Told about every iteration of every phase; implementations must be cheap. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = (phase, iteration, residual) -> { };

    /**
     * @param phase     the phase ("lsqr", "pcg stage 2", ...)
     * @param iteration the 1-based iteration within the phase
     * @param residual  the method's running estimate of its relative residual (not the final,
     *                  recomputed residual)
     */
    void onIteration(String phase, int iteration, double residual);
}
