package akr.solvers.attention;

/**
 * The outcome of an attention-kernel solve, reported honestly.
 *
 * @param x                    the solution of (K + λI)x = b
 * @param relativeResidual     ‖(K + λI)x − b‖/‖b‖, recomputed with the exact operator at the end
 * @param iterations           PCG iterations, refinement sweeps included (0 for DIRECT)
 * @param converged            whether the recomputed residual meets the tolerance
 * @param preconditioner       the preconditioner that ran (never AUTO)
 * @param rank                 rank of the low-rank preconditioner actually built (n for DIRECT, 0
 *                             for JACOBI and NONE); RPCHOLESKY may stop early when G is numerically
 *                             of lower rank
 * @param shift                the μ of the low-rank preconditioners (NaN otherwise)
 * @param sketchDegree         Taylor degree q of the SKETCH preconditioner (0 otherwise)
 * @param conditionEstimate    θ_max/θ_min of the Lanczos tridiagonal of the first PCG sweep: an
 *                             estimate (a lower bound) of the preconditioned condition number;
 *                             NaN for DIRECT or when PCG stopped at once
 * @param preconditionerSeconds time to build the preconditioner (the factorisation for DIRECT)
 * @param iterateSeconds       time in PCG (the triangular solves for DIRECT)
 * @param totalSeconds         wall time of the whole solve, validation and residual included
 */
public record AttentionResult(double[] x, double relativeResidual, int iterations, boolean converged,
                              Preconditioner preconditioner, int rank, double shift, int sketchDegree,
                              double conditionEstimate, double preconditionerSeconds, double iterateSeconds,
                              double totalSeconds) {
}
