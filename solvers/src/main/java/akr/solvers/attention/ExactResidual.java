package akr.solvers.attention;

import akr.kernels.blas1.Blas1;
import akr.kernels.expgram.ExpGramOverflowException;

/**
 * The residual every route reports: ‖(K + λI)x_c − b_c‖/‖b_c‖ for each right-hand side, recomputed
 * with the exact fused operator K whatever form the route solved in (one pass over K's tiles for
 * all columns).
 *
 * <p>When a product with K overflows, the residuals come from the scaled ones instead:
 * (K + λI)x − b = D·((G + λD⁻²)y − D⁻¹b), whose entries are summed in logarithms,
 * ‖r‖ = e^{M}·(Σ_i e^{2(log|r_i| − M)})^{1/2} with M = max_i log|r_i|.
 */
final class ExactResidual {

    private ExactResidual() {
    }

    /**
     * @param x the solutions in the original form, one array per right-hand side
     * @param y the same in the scaled form (y = D·x), or null
     * @return the relative residual of each column
     */
    static double[] relative(ScaledSystem s, double[][] x, double[][] y) {
        return relative(s, s.b, x, y);
    }

    /**
     * As {@link #relative(ScaledSystem, double[][], double[][])} for the right-hand sides {@code b}
     * (x[c] solves b[c]).
     *
     * @param y the same solutions in the scaled form (y = D·x), or null: used when K overflows, where
     *          the scaled residual is taken from them rather than from D·x recomputed (whose rounding
     *          the weights e^{h_i} would magnify)
     */
    static double[] relative(ScaledSystem s, double[][] b, double[][] x, double[][] y) {
        int n = s.n;
        int r = x.length;
        Blas1 blas = s.kernels.blas1();
        double[] out = new double[r];
        double[][] res = new double[r][n];
        boolean overflow = false;
        try {
            s.exactProduct(x, res);
        } catch (ExpGramOverflowException e) {
            overflow = true;
        }
        for (int c = 0; c < r; c++) {
            double bnorm = blas.nrm2(b[c]);
            if (bnorm == 0) {
                out[c] = blas.nrm2(x[c]) == 0 ? 0 : Double.POSITIVE_INFINITY;
            } else if (!overflow) {
                double[] rc = res[c];
                for (int i = 0; i < n; i++) {
                    rc[i] -= b[c][i];
                }
                out[c] = blas.nrm2(rc) / bnorm;
            } else {
                out[c] = fromScaled(s, x[c], y == null ? null : y[c], b[c]) / bnorm;
            }
        }
        return out;
    }

    /**
     * ‖(K + λI)x_c − b_c‖/‖b_c‖ of each column from the scaled solutions y_c = D·x_c and the stored
     * matrix H = G + λD⁻² of the materialised route: D·(H·y − D⁻¹b), summed in logarithms. One pass
     * over the stored triangle for all columns instead of a fused product; H's entries are the fused
     * operator's, so this is the same residual up to the rounding of the two evaluations (the routes
     * use it to decide refinement rounds, and report {@link #relative} at the end).
     */
    static double[] fromStored(ScaledSystem s, double[][] b, double[][] y) {
        int n = s.n;
        int r = y.length;
        double[][] hy = new double[r][n];
        s.matrix().multiply(y, hy);
        double[] out = new double[r];
        Blas1 blas = s.kernels.blas1();
        for (int c = 0; c < r; c++) {
            double bnorm = blas.nrm2(b[c]);
            out[c] = bnorm == 0 ? (blas.nrm2(y[c]) == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : weightedNorm(s, hy[c], b[c]) / bnorm;
        }
        return out;
    }

    /** ‖(K + λI)x − b‖ through the scaled product, summed in logarithms. */
    private static double fromScaled(ScaledSystem s, double[] x, double[] scaled, double[] b) {
        int n = s.n;
        double[] y = scaled;
        if (y == null) {
            y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = x[i] / s.dinv[i];
            }
        }
        double[] r = new double[n];
        s.fusedScaledProduct(y, r);
        return weightedNorm(s, r, b);
    }

    /** ‖D·(hy − D⁻¹b)‖ for hy = (G + λD⁻²)·y, summed in logarithms (D itself may overflow). */
    private static double weightedNorm(ScaledSystem s, double[] r, double[] b) {
        int n = s.n;
        double maxLog = Double.NEGATIVE_INFINITY;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            logs[i] = s.halfNorms[i] + Math.log(Math.abs(r[i] - s.dinv[i] * b[i]));
            maxLog = Math.max(maxLog, logs[i]);
        }
        if (maxLog == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(2 * (logs[i] - maxLog));
        }
        return Math.exp(maxLog + 0.5 * Math.log(sum));
    }
}
