package akr.solvers.power;

import java.util.Arrays;
import java.util.Locale;

/**
 * The outcome of a power solve, reported honestly. Immutable: {@link #x()} and
 * {@link #iterations()} return copies.
 */
public final class PowerResult {

    /**
     * Wall times of the phases of a solve, in seconds. When AUTO declined the normal equations,
     * the declined attempt is counted in the factor and total times.
     *
     * @param sketchSeconds  time to sketch A (and b)
     * @param factorSeconds  time for QR of the sketch, Cholesky-QR, the Cholesky factor of AᵀA or the direct QR
     * @param iterateSeconds time in iterations and triangular-solve stages
     * @param totalSeconds   the whole solve, residual recomputation included
     */
    public record Timings(double sketchSeconds, double factorSeconds, double iterateSeconds, double totalSeconds) {
    }

    private final double[] x;
    private final double relativeResidual;
    private final double normalEquationResidual;
    private final int[] iterations;
    private final boolean converged;
    private final Method method;
    private final Timings timings;
    private final double conditionPreconditioned;
    private final double conditionA;

    PowerResult(double[] x, double relativeResidual, double normalEquationResidual, int[] iterations,
                boolean converged, Method method, Timings timings, double conditionPreconditioned, double conditionA) {
        this.x = x.clone();
        this.relativeResidual = relativeResidual;
        this.normalEquationResidual = normalEquationResidual;
        this.iterations = iterations.clone();
        this.converged = converged;
        this.method = method;
        this.timings = timings;
        this.conditionPreconditioned = conditionPreconditioned;
        this.conditionA = conditionA;
    }

    /** A copy of the solution. */
    public double[] x() {
        return x.clone();
    }

    /**
     * ‖M·x − b‖/‖b‖ with M = (AᵀA)ʲ (gram-power) or A(AᵀA)ʲ (lstsq-power), recomputed with the
     * exact operator at the end.
     */
    public double relativeResidual() {
        return relativeResidual;
    }

    /**
     * For lstsq-power, ‖Mᵀ(Mx − b)‖/(‖M‖·‖Mx − b‖) with ‖M‖ estimated as σ_max(A)^{2j+1}; NaN for
     * gram-power.
     */
    public double normalEquationResidual() {
        return normalEquationResidual;
    }

    /**
     * A copy of the iterations per stage: index 0 the least-squares stage (0 for gram-power), index
     * k the k-th (AᵀA)⁻¹ stage.
     */
    public int[] iterations() {
        return iterations.clone();
    }

    /** Total iterations over all stages. */
    public int totalIterations() {
        int s = 0;
        for (int i : iterations) {
            s += i;
        }
        return s;
    }

    /**
     * Whether the requested tolerance was met by the recomputed residual (gram-power, or consistent
     * lstsq-power) or normal-equation residual (lstsq-power).
     */
    public boolean converged() {
        return converged;
    }

    /** The method that ran (never AUTO). */
    public Method method() {
        return method;
    }

    public Timings timings() {
        return timings;
    }

    /** Estimate of κ(A·R_s⁻¹); NaN when no sketch was used. */
    public double conditionPreconditioned() {
        return conditionPreconditioned;
    }

    /** Estimate of κ(A). */
    public double conditionA() {
        return conditionA;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PowerResult[method=%s, converged=%b, iterations=%s, relativeResidual=%.3e,"
                        + " normalEquationResidual=%.3e, conditionA=%.3e, conditionPreconditioned=%.3g, %s]",
                method.key(), converged, Arrays.toString(iterations), relativeResidual, normalEquationResidual,
                conditionA, conditionPreconditioned, timings);
    }
}
