package akr.solvers.attention;

import akr.kernels.DenseMatrix;

import java.util.Arrays;
import java.util.Optional;

/**
 * The outcome of an attention-kernel solve for r ≥ 1 right-hand sides, reported honestly: the
 * residual of every column recomputed with the exact operator, the route and preconditioner that
 * ran, the rank of its factor and why, the memory held and the time per phase. Immutable: the
 * accessors return copies.
 */
public final class AttentionResult {

    /**
     * Wall-clock seconds of the phases of a solve.
     *
     * @param matrixSeconds         time to build the stored matrix (dense and materialised routes; 0 otherwise)
     * @param preconditionerSeconds time to build the preconditioner (the Cholesky factorisation for the dense route)
     * @param iterateSeconds        time in PCG (the triangular solves for the dense route)
     * @param totalSeconds          the whole solve, validation and residual included
     */
    public record Timings(double matrixSeconds, double preconditionerSeconds, double iterateSeconds,
                          double totalSeconds) {
    }

    private final double[][] x;
    private final double[] relativeResiduals;
    private final int[] iterations;
    private final boolean converged;
    private final Route route;
    private final Preconditioner preconditioner;
    private final int rank;
    private final RankStop rankStop;
    private final double shift;
    private final int sketchDegree;
    private final double conditionEstimate;
    private final long memoryBytes;
    private final Timings timings;

    private AttentionResult(Builder b) {
        this.x = b.x;
        this.relativeResiduals = b.relativeResiduals;
        this.iterations = b.iterations;
        boolean all = true;
        for (double r : relativeResiduals) {
            all &= r <= b.tolerance;
        }
        this.converged = all;
        this.route = b.route;
        this.preconditioner = b.preconditioner;
        this.rank = b.rank;
        this.rankStop = b.rankStop;
        this.shift = b.shift;
        this.sketchDegree = b.sketchDegree;
        this.conditionEstimate = b.conditionEstimate;
        this.memoryBytes = b.memoryBytes;
        this.timings = b.timings;
    }

    /**
     * Starts a result; the routes hand over arrays they no longer touch (not copied).
     *
     * @param x          the solutions, one array per right-hand side
     * @param residuals  the recomputed relative residual of each
     * @param iterations the PCG iterations of each
     */
    static Builder builder(double[][] x, double[] residuals, int[] iterations, Route route, double tolerance) {
        return new Builder(x, residuals, iterations, route, tolerance);
    }

    /** The number r of right-hand sides. */
    public int columns() {
        return x.length;
    }

    /**
     * A copy of the solution of (K + λI)x = b.
     *
     * @throws IllegalStateException when the solve had several right-hand sides (use {@link #solutions()})
     */
    public double[] x() {
        if (x.length != 1) {
            throw new IllegalStateException("this result holds " + x.length + " solutions: use solutions() or column(c)");
        }
        return x[0].clone();
    }

    /** A copy of the solution of right-hand side c. */
    public double[] column(int c) {
        if (c < 0 || c >= x.length) {
            throw new IndexOutOfBoundsException("column " + c + " of " + x.length);
        }
        return x[c].clone();
    }

    /** A copy of the solutions X (n×r) of (K + λI)X = B. */
    public DenseMatrix solutions() {
        int n = x[0].length;
        int r = x.length;
        DenseMatrix out = DenseMatrix.zeros(n, r);
        for (int c = 0; c < r; c++) {
            for (int i = 0; i < n; i++) {
                out.set(i, c, x[c][i]);
            }
        }
        return out;
    }

    /** The largest ‖(K + λI)x_c − b_c‖/‖b_c‖ over the columns, recomputed with the exact operator. */
    public double relativeResidual() {
        double m = 0;
        for (double r : relativeResiduals) {
            m = Double.isNaN(r) || Double.isNaN(m) ? Double.NaN : Math.max(m, r);
        }
        return m;
    }

    /** ‖(K + λI)x_c − b_c‖/‖b_c‖ of each column (a copy). */
    public double[] relativeResiduals() {
        return relativeResiduals.clone();
    }

    /** PCG iterations, refinement rounds included: the most any column took (0 for the dense route). */
    public int iterations() {
        return Arrays.stream(iterations).max().orElse(0);
    }

    /** PCG iterations of each column (a copy). */
    public int[] iterationsPerColumn() {
        return iterations.clone();
    }

    /** Whether every column's recomputed residual meets the tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The route that ran (never AUTO). */
    public Route route() {
        return route;
    }

    /** The preconditioner that ran (never AUTO); empty for the dense route, which needs none. */
    public Optional<Preconditioner> preconditioner() {
        return Optional.ofNullable(preconditioner);
    }

    /**
     * Rank of the low-rank preconditioner actually built: n for the dense route, 0 for JACOBI and
     * NONE; see {@link #rankStop()} for why it is what it is.
     */
    public int rank() {
        return rank;
    }

    /** Why the preconditioner's factor has {@link #rank()} columns. */
    public RankStop rankStop() {
        return rankStop;
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
     * θ_max/θ_min of the Lanczos tridiagonal of column 0's first PCG round: an estimate (a lower
     * bound) of the preconditioned condition number; NaN for the dense route or when PCG stopped at once.
     */
    public double conditionEstimate() {
        return conditionEstimate;
    }

    /**
     * Bytes the route held in its large structures: the stored matrix, the preconditioner's factor
     * and the PCG vectors (A, B and X are not counted). At most the memory budget.
     */
    public long memoryBytes() {
        return memoryBytes;
    }

    public Timings timings() {
        return timings;
    }

    @Override
    public String toString() {
        return "AttentionResult[n=" + x[0].length + ", columns=" + x.length + ", relativeResidual=" + relativeResidual()
                + ", iterations=" + iterations() + ", converged=" + converged + ", route=" + route.key()
                + ", preconditioner=" + (preconditioner == null ? "-" : preconditioner.key()) + ", rank=" + rank
                + ", rankStop=" + rankStop.key() + ", shift=" + shift + ", sketchDegree=" + sketchDegree
                + ", conditionEstimate=" + conditionEstimate + ", memoryBytes=" + memoryBytes + ", " + timings + "]";
    }

    /** Assembles a result; the fields not set keep the values of a route without a preconditioner. */
    static final class Builder {
        private final double[][] x;
        private final double[] relativeResiduals;
        private final int[] iterations;
        private final Route route;
        private final double tolerance;
        private Preconditioner preconditioner;
        private int rank;
        private RankStop rankStop = RankStop.NONE;
        private double shift = Double.NaN;
        private int sketchDegree;
        private double conditionEstimate = Double.NaN;
        private long memoryBytes;
        private Timings timings = new Timings(0, 0, 0, 0);

        private Builder(double[][] x, double[] residuals, int[] iterations, Route route, double tolerance) {
            this.x = x;
            this.relativeResiduals = residuals;
            this.iterations = iterations;
            this.route = route;
            this.tolerance = tolerance;
            this.rank = route == Route.DENSE ? x[0].length : 0;
        }

        /** The preconditioner that ran, with its factor's rank, why, its shift and sketch degree. */
        Builder preconditioner(AttentionPreconditioner.Built p) {
            preconditioner = p.kind();
            rank = p.rank();
            rankStop = p.rankStop();
            shift = p.shift();
            sketchDegree = p.sketchDegree();
            return this;
        }

        Builder conditionEstimate(double v) {
            conditionEstimate = v;
            return this;
        }

        Builder bytes(long v) {
            memoryBytes = v;
            return this;
        }

        Builder timings(double matrix, double preconditioner, double iterate, double total) {
            timings = new Timings(matrix, preconditioner, iterate, total);
            return this;
        }

        AttentionResult build() {
            return new AttentionResult(this);
        }
    }
}
