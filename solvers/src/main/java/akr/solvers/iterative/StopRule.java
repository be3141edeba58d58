package akr.solvers.iterative;

/**
 * Asked by {@link BlockPcg} after each iteration of a column that has not converged: whether to stop
 * that column now (reported as not converged), e.g. because its observed convergence rate says a
 * different preconditioner would finish sooner.
 */
@FunctionalInterface
public interface StopRule {

    /**
     * @param column            the column's index among the right-hand sides
     * @param iteration         iterations of this column so far in this solve
     * @param relativeResidual  its recurrence residual ‖c − H·y‖/‖c‖
     * @param tolerance         the column's tolerance
     */
    boolean stop(int column, int iteration, double relativeResidual, double tolerance);
}
