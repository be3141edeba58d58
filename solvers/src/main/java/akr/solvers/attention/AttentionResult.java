package akr.solvers.attention;

/**
 * The outcome of an attention-kernel solve, reported honestly. Immutable: {@link #x()} returns a
 * copy.
 */
public final class AttentionResult {

    /**
     * Wall-clock seconds of the phases of a solve.
     *
     * @param preconditionerSeconds time to build the preconditioner (the factorisation for DIRECT)
     * @param iterateSeconds        time in PCG (the triangular solves for DIRECT)
     * @param totalSeconds          the whole solve, validation and residual included
     */
    public record Timings(double preconditionerSeconds, double iterateSeconds, double totalSeconds) {
    }

    private final double[] x;
    private final double relativeResidual;
    private final int iterations;
    private final boolean converged;
    private final Preconditioner preconditioner;
    private final int rank;
    private final double shift;
    private final int sketchDegree;
    private final double conditionEstimate;
    private final Timings timings;

    /** Takes {@code x} without copying: the routes hand over a vector they no longer touch. */
    AttentionResult(double[] x, double relativeResidual, int iterations, boolean converged,
                    Preconditioner preconditioner, int rank, double shift, int sketchDegree,
                    double conditionEstimate, Timings timings) {
        this.x = x;
        this.relativeResidual = relativeResidual;
        this.iterations = iterations;
        this.converged = converged;
        this.preconditioner = preconditioner;
        this.rank = rank;
        this.shift = shift;
        this.sketchDegree = sketchDegree;
        this.conditionEstimate = conditionEstimate;
        this.timings = timings;
    }

    /** A copy of the solution of (K + λI)x = b. */
    public double[] x() {
        return x.clone();
    }

    /** ‖(K + λI)x − b‖/‖b‖, recomputed with the exact operator at the end. */
    public double relativeResidual() {
        return relativeResidual;
    }

    /** PCG iterations, refinement rounds included (0 for DIRECT). */
    public int iterations() {
        return iterations;
    }

    /** Whether the recomputed residual meets the tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The preconditioner that ran (never AUTO). */
    public Preconditioner preconditioner() {
        return preconditioner;
    }

    /**
     * Rank of the low-rank preconditioner actually built: n for DIRECT, 0 for JACOBI and NONE;
     * RPCHOLESKY may stop early when G is numerically of lower rank.
     */
    public int rank() {
        return rank;
    }

    /** The μ of the low-rank preconditioners (NaN for the others). */
    public double shift() {
        return shift;
    }

    /** Taylor degree q of the SKETCH preconditioner (0 for the others). */
    public int sketchDegree() {
        return sketchDegree;
    }

    /**
     * θ_max/θ_min of the Lanczos tridiagonal of the first PCG round: an estimate (a lower bound) of
     * the preconditioned condition number; NaN for DIRECT or when PCG stopped at once.
     */
    public double conditionEstimate() {
        return conditionEstimate;
    }

    public Timings timings() {
        return timings;
    }

    @Override
    public String toString() {
        return "AttentionResult[n=" + x.length + ", relativeResidual=" + relativeResidual + ", iterations=" + iterations
                + ", converged=" + converged + ", preconditioner=" + preconditioner.key() + ", rank=" + rank + ", shift="
                + shift + ", sketchDegree=" + sketchDegree + ", conditionEstimate=" + conditionEstimate + ", " + timings
                + "]";
    }
}
