package akr.solvers.attention;

import akr.kernels.expgram.ExpGramOverflowException;
import akr.solvers.iterative.BlockPcg;
import akr.solvers.iterative.IterationResult;
import akr.solvers.iterative.LanczosSpectrum;
import akr.solvers.iterative.LinearOperator;

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
 */
final class RefinedPcg {

    private static final double U = 0x1.0p-53;

    private RefinedPcg() {
    }

    /**
     * @param x                 the solutions in the original form, one array per right-hand side
     * @param relativeResidual  ‖(K + λI)x_c − b_c‖/‖b_c‖ recomputed with the exact operator
     * @param iterations        PCG iterations of each column over all rounds
     * @param conditionEstimate θ_max/θ_min of column 0's first-round Lanczos tridiagonal (NaN if it stopped at once)
     */
    record Outcome(double[][] x, double[] relativeResidual, int[] iterations, double conditionEstimate) {
    }

    static Outcome solve(ScaledSystem s, LinearOperator precond, boolean scaled, AttentionOptions o) {
        int n = s.n;
        int r = s.columns();
        double[][] c = s.rhs(scaled);
        double[][] y = new double[r][n];
        double[][] x = new double[r][n];
        LanczosSpectrum spectrum = new LanczosSpectrum();
        int[] used = new int[r];
        double[] innerTol = new double[r];
        Arrays.fill(innerTol, o.tolerance());
        double[] rel = new double[r];
        Arrays.fill(rel, Double.NaN);
        boolean[] active = new boolean[r];
        Arrays.fill(active, true);
        boolean stored = scaled && s.matrix().bytes() > 0;
        for (int round = 0; round <= AttentionSolver.REFINEMENTS; round++) {
            int[] cols = activeColumns(active, used, o.maxIterations());
            if (cols.length == 0) {
                break;
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
            IterationResult[] it;
            boolean overflow = false;
            try {
                it = BlockPcg.solve(s.kernels, s.operator(scaled), precond, cc, yy, tol, limit,
                        round == 0 ? "pcg" : "pcg refinement " + round, o.listener(),
                        round == 0 && cols[0] == 0 ? spectrum : null);
            } catch (ExpGramOverflowException e) {
                it = null; // NONE on the unscaled K: a product overflowed; y holds the last iterates
                overflow = true;
            }
            double[][] xx = new double[cols.length][];
            double[][] bb = new double[cols.length][];
            double[][] ys = scaled ? yy : null;
            for (int i = 0; i < cols.length; i++) {
                s.toOriginal(yy[i], x[cols[i]], scaled);
                xx[i] = x[cols[i]];
                bb[i] = s.b[cols[i]];
            }
            // the stored matrix's residual steers the rounds when there is one: a pass over it costs far
            // less than a fused product; the reported residual is the fused operator's (below)
            double[] got = stored && !overflow ? ExactResidual.fromStored(s, bb, ys)
                    : ExactResidual.relative(s, bb, xx, ys);
            for (int i = 0; i < cols.length; i++) {
                int col = cols[i];
                rel[col] = got[i];
                if (overflow) {
                    active[col] = false;
                    continue;
                }
                used[col] += it[i].iterations();
                double next = innerTol[col] * 0.5 * o.tolerance() / got[i];
                if (got[i] <= o.tolerance() || !it[i].converged() || !(got[i] < Double.POSITIVE_INFINITY)
                        || next < 4 * U) { // below 4u PCG cannot deliver more than the rounding allows
                    active[col] = false;
                } else {
                    innerTol[col] = next;
                }
            }
        }
        if (stored) {
            rel = ExactResidual.relative(s, x, scaled ? y : null);
        }
        double kappa = spectrum.steps() >= 1 ? spectrum.conditionEstimate() : Double.NaN;
        return new Outcome(x, rel, used, kappa);
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
