package akr.solvers.power;

/**
 * The outcome of a power solve, reported honestly.
 *
 * @param x                        the solution
 * @param relativeResidual         ‖M·x − b‖/‖b‖ with M = (AᵀA)ʲ (gram-power) or A(AᵀA)ʲ
 *                                 (lstsq-power), recomputed with the exact operator at the end
 * @param normalEquationResidual   for lstsq-power, ‖Mᵀ(Mx − b)‖/(‖M‖·‖Mx − b‖) with ‖M‖ estimated
 *                                 as σ_max(A)^{2j+1}; NaN for gram-power
 * @param iterations               iterations per stage: index 0 the least-squares stage (0 for
 *                                 gram-power), index k the k-th (AᵀA)⁻¹ stage
 * @param converged                whether the requested tolerance was met by the recomputed
 *                                 residual (gram-power, or consistent lstsq-power) or normal-equation
 *                                 residual (lstsq-power)
 * @param method                   the method that ran (never AUTO)
 * @param sketchSeconds            time to sketch A (and b)
 * @param factorSeconds            time for QR of the sketch, Cholesky-QR or the direct QR
 * @param iterateSeconds           time in iterations and triangular-solve stages
 * @param totalSeconds             wall time of the whole solve, residual recomputation included
 * @param conditionPreconditioned  estimate of κ(A·R_s⁻¹) (NaN when no sketch was used)
 * @param conditionA               estimate of κ(A)
 */
public record PowerResult(double[] x, double relativeResidual, double normalEquationResidual, int[] iterations,
                          boolean converged, Method method, double sketchSeconds, double factorSeconds,
                          double iterateSeconds, double totalSeconds, double conditionPreconditioned,
                          double conditionA) {

    /** Total iterations over all stages. */
    public int totalIterations() {
        int s = 0;
        for (int i : iterations) {
            s += i;
        }
        return s;
    }
}
