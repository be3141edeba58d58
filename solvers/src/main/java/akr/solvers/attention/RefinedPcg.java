package akr.solvers.attention;

import akr.kernels.expgram.ExpGramOverflowException;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LanczosSpectrum;
import akr.solvers.iterative.LinearOperator;
import akr.solvers.iterative.Pcg;

/**
 * PCG on the scaled system (G + λD⁻²)·y = D⁻¹b (or on K + λI itself for NONE), with refinement
 * rounds against the exact residual.
 *
 * <p>PCG controls the residual of the form it runs on; the result reports the original
 * ‖(K + λI)x − b‖/‖b‖ ({@link ExactResidual}). The two differ by the row weights e^{h_i}, so when
 * the original residual ρ misses the tolerance τ although PCG met its own τ_in, PCG restarts from the
 * current point with τ_in ← τ_in·τ/(2ρ): at most {@value AttentionSolver#REFINEMENTS} times,
 * within the iteration limit, and never below 4u (what the rounding of the scaled products allows).
 */
final class RefinedPcg {

    private static final double U = 0x1.0p-53;

    private RefinedPcg() {
    }

    /**
     * @param x                 the solution in the original form
     * @param relativeResidual  ‖(K + λI)x − b‖/‖b‖ recomputed with the exact operator
     * @param iterations        PCG iterations over all rounds
     * @param conditionEstimate θ_max/θ_min of the first round's Lanczos tridiagonal (NaN if it stopped at once)
     */
    record Outcome(double[] x, double relativeResidual, int iterations, double conditionEstimate) {
    }

    static Outcome solve(ScaledSystem s, LinearOperator precond, boolean scaled, AttentionOptions o) {
        int n = s.n;
        double[] c = s.rhs(scaled);
        LinearOperator h = s.operator(scaled);
        double[] y = new double[n];
        double[] x = new double[n];
        LanczosSpectrum spectrum = new LanczosSpectrum();
        int used = 0;
        double innerTol = o.tolerance();
        double rel = Double.NaN;
        boolean overflow = false;
        for (int round = 0; round <= AttentionSolver.REFINEMENTS && used < o.maxIterations(); round++) {
            IterationResult it;
            try {
                it = Pcg.solve(s.kernels, h, precond, c, y, innerTol, o.maxIterations() - used,
                        round == 0 ? "pcg" : "pcg refinement " + round, o.listener(), round == 0 ? spectrum : null);
            } catch (ExpGramOverflowException e) {
                overflow = true; // NONE on the unscaled K: a product overflowed; y holds the last iterate
                break;
            }
            used += it.iterations();
            s.toOriginal(y, x, scaled);
            rel = ExactResidual.relative(s, x, y, scaled);
            if (rel <= o.tolerance() || !it.converged() || !(rel < Double.POSITIVE_INFINITY)) {
                break;
            }
            double next = innerTol * 0.5 * o.tolerance() / rel;
            if (next < 4 * U) {
                break; // PCG cannot deliver more than the rounding of the scaled products allows
            }
            innerTol = next;
        }
        if (overflow) {
            s.toOriginal(y, x, scaled);
            rel = ExactResidual.relative(s, x, y, scaled);
        }
        double kappa = spectrum.steps() >= 1 ? spectrum.conditionEstimate() : Double.NaN;
        return new Outcome(x, rel, used, kappa);
    }
}
