package akr.solvers.iterative;

/**
 * What an iterative method returns besides its solution: iterations taken, whether its own
 * stopping test was met, and its final running estimate of the relative residual.
 */
public record IterationResult(int iterations, boolean converged, double residualEstimate) {
}
