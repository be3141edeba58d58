package akr.solvers.attention;

import akr.kernels.expgram.ExpGramOverflowException;
import akr.solvers.iterative.BlockPcg;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LanczosSpectrum;
import akr.solvers.iterative.LinearOperator;
import akr.solvers.iterative.StopRule;

import java.util.Arrays;

/**
 * PCG on the scaled system (G + λD⁻²)·Y = D⁻¹B (or on K + λI itself for NONE), all right-hand
 * sides side by side ({@link BlockPcg}: one pass over H per iteration for all of them), with
 * refinement rounds against the exact residual.
 *
 * <p>PCG controls the residual of the form it runs on; the result reports the original
 * ‖(K + λI)x − b‖/‖b‖ ({@link ExactResidual}). The two differ by the row weights e^{h_i}, so when
 * a column's original residual ρ misses the tolerance τ although PCG met its own τ_in, that column
 * restarts from its current point with τ_in ← τ_in·τ/(2ρ): at most
 * {@value AttentionSolver#REFINEMENTS} times, within the iteration limit, and never below 4u (what
 * the rounding of the scaled products allows). On the materialised route ρ between rounds comes from
 * the stored matrix ({@link ExactResidual#fromStored}, a pass over the triangle rather than a fused
 * product); the reported residual is recomputed with the fused operator once at the end.
 *
 * <p>With a preconditioner that can grow ({@link AttentionPreconditioner.Growth}), {@link #run}
 * stops a column whose observed rate says it would not finish within its limit, or that its
 * remaining iterations would cost more than twice the growth; {@link PcgRoute} then grows the
 * preconditioner and runs again from the current iterates.
 */
final class RefinedPcg {

    private static final double U = 0x1.0p-53;
    /**
     * Iterations between two looks at a column's convergence when the preconditioner can grow; the
     * first window is not judged (PCG's first steps are not its rate).
     */
    static final int WINDOW = 20;

    /**
     * @param x                 the solutions in the original form, one array per right-hand side
     * @param relativeResidual  ‖(K + λI)x_c − b_c‖/‖b_c‖ recomputed with the exact operator
     * @param iterations        PCG iterations of each column over all rounds
     * @param conditionEstimate θ_max/θ_min of column 0's Lanczos tridiagonal in its first round with the
     *                          last preconditioner (NaN if it stopped at once)
     */
    record Outcome(double[][] x, double[] relativeResidual, int[] iterations, double conditionEstimate) {
    }

    private final ScaledSystem s;
    private final boolean scaled;
    private final AttentionOptions o;
    private final double[][] c;
    private final double[][] y;
    private final double[][] x;
    private final int[] used;
    private final double[] innerTol;
    private final double[] rel;
    private final boolean[] active;
    private final boolean stored;
    private LanczosSpectrum spectrum;
    private int round;

    RefinedPcg(ScaledSystem s, boolean scaled, AttentionOptions o) {
        this.s = s;
        this.scaled = scaled;
        this.o = o;
        int r = s.columns();
        this.c = s.rhs(scaled);
        this.y = new double[r][s.n];
        this.x = new double[r][s.n];
        this.used = new int[r];
        this.innerTol = new double[r];
        Arrays.fill(innerTol, o.tolerance());
        this.rel = new double[r];
        Arrays.fill(rel, Double.NaN);
        this.active = new boolean[r];
        Arrays.fill(active, true);
        this.stored = scaled && s.matrix().bytes() > 0;
    }

    /**
     * Runs PCG rounds with {@code precond}, each column from where it stands, until every column is
     * done (converged, at the iteration limit or broken down): then true. With a {@code growth}, a
     * column whose rate over the last {@value #WINDOW} iterations predicts that it will not finish
     * within its limit, or that its remaining iterations would cost more than twice the growth, is
     * stopped, and the call returns false once the block is done: the caller grows the
     * preconditioner and calls again (the stopped columns keep their iterate, tolerance and round).
     */
    boolean run(LinearOperator precond, AttentionPreconditioner.Growth growth) {
        spectrum = new LanczosSpectrum(); // the condition estimate is the last preconditioner's
        boolean first = true;
        while (round <= AttentionSolver.REFINEMENTS) {
            int[] cols = activeColumns(active, used, o.maxIterations());
            if (cols.length == 0) {
                return true;
            }
            double[][] cc = new double[cols.length][];
            double[][] yy = new double[cols.length][];
            double[] tol = new double[cols.length];
            int[] limit = new int[cols.length];
            for (int i = 0; i < cols.length; i++) {
                cc[i] = c[cols[i]];
                yy[i] = y[cols[i]];
                tol[i] = innerTol[cols[i]];
                limit[i] = o.maxIterations() - used[cols[i]];
            }
            boolean[] slow = new boolean[cols.length];
            StopRule rule = growth == null ? null : slowRule(growth, limit, slow);
            IterationResult[] it;
            boolean overflow = false;
            try {
                it = BlockPcg.solve(s.kernels, s.operator(scaled), precond, cc, yy, tol, limit,
                        round == 0 ? "pcg" : "pcg refinement " + round, o.listener(),
                        first && cols[0] == 0 ? spectrum : null, rule);
            } catch (ExpGramOverflowException e) {
                it = null; // NONE on the unscaled K: a product overflowed; y holds the last iterates
                overflow = true;
            }
            first = false;
            double[][] xx = new double[cols.length][];
            double[][] bb = new double[cols.length][];
            double[][] ys = scaled ? yy : null;
            for (int i = 0; i < cols.length; i++) {
                s.toOriginal(yy[i], x[cols[i]], scaled);
                xx[i] = x[cols[i]];
                bb[i] = s.b[cols[i]];
            }
            // the stored matrix's residual steers the rounds when there is one: a pass over it costs far
            // less than a fused product; the reported residual is the fused operator's (finish)
            double[] got = stored && !overflow ? ExactResidual.fromStored(s, bb, ys)
                    : ExactResidual.relative(s, bb, xx, ys);
            boolean stopped = false;
            for (int i = 0; i < cols.length; i++) {
                int col = cols[i];
                rel[col] = got[i];
                if (overflow) {
                    active[col] = false;
                    continue;
                }
                used[col] += it[i].iterations();
                if (slow[i] && got[i] > o.tolerance()) {
                    stopped = true; // stays active, with its tolerance and round, for the grown preconditioner
                    continue;
                }
                double next = innerTol[col] * 0.5 * o.tolerance() / got[i];
                if (got[i] <= o.tolerance() || !it[i].converged() || !(got[i] < Double.POSITIVE_INFINITY)
                        || next < 4 * U) { // below 4u PCG cannot deliver more than the rounding allows
                    active[col] = false;
                } else {
                    innerTol[col] = next;
                }
            }
            if (stopped) {
                return false;
            }
            round++;
        }
        return true;
    }

    /**
     * Stops a column (marking it in {@code slow}) when, judged every {@value #WINDOW} iterations from
     * the second window on, its rate ρ over the last window predicts ln(τ/ρ_now)/ln ρ more iterations
     * than its limit leaves, or iterations costing more than twice the growth.
     */
    private static StopRule slowRule(AttentionPreconditioner.Growth growth, int[] limit, boolean[] slow) {
        double[] mark = new double[limit.length];
        double perIteration = growth.iterationSeconds();
        double growSeconds = growth.seconds();
        return (col, it, r, tol) -> {
            if (it % WINDOW != 0) {
                return false;
            }
            double before = mark[col];
            mark[col] = r;
            if (it < 2 * WINDOW || !(before > 0) || !(r > 0)) {
                return false;
            }
            double rate = Math.pow(r / before, 1.0 / WINDOW);
            double remaining = rate < 1 ? Math.log(tol / r) / Math.log(rate) : Double.POSITIVE_INFINITY;
            boolean stop = remaining > limit[col] - it || remaining * perIteration > 2 * growSeconds;
            slow[col] |= stop;
            return stop;
        };
    }

    /** The outcome: the reported residual recomputed with the fused operator when rounds used the stored matrix. */
    Outcome finish() {
        double[] out = rel;
        if (stored) {
            out = ExactResidual.relative(s, x, scaled ? y : null);
        }
        double kappa = spectrum != null && spectrum.steps() >= 1 ? spectrum.conditionEstimate() : Double.NaN;
        return new Outcome(x, out, used, kappa);
    }

    private static int[] activeColumns(boolean[] active, int[] used, int maxIterations) {
        int[] out = new int[active.length];
        int m = 0;
        for (int c = 0; c < active.length; c++) {
            if (active[c] && used[c] < maxIterations) {
                out[m++] = c;
            }
        }
        return Arrays.copyOf(out, m);
    }
}
