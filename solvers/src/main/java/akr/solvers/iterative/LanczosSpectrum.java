package akr.solvers.iterative;

import java.util.Arrays;

/**
 * The extreme eigenvalues of a preconditioned operator P·H estimated from the coefficients of
 * conjugate gradients, which are those of a Lanczos process (Golub and Van Loan §11.3; Saad §6.7).
 *
 * <p>With CG step lengths α_j and β_j = (r_{j+1}ᵀz_{j+1})/(r_jᵀz_j), the Lanczos tridiagonal T has
 * diagonal 1/α_0 and 1/α_j + β_{j−1}/α_{j−1} (j ≥ 1) and off-diagonal √β_j/α_j. Its eigenvalues (Ritz
 * values) lie inside the spectrum of P·H and its extreme ones converge first, so θ_max/θ_min is a
 * lower bound on κ(P·H) that becomes sharp after a few dozen iterations. They are computed by
 * Sturm-sequence bisection, O(k) per step.
 */
public final class LanczosSpectrum {

    private double[] alphas = new double[16];
    private double[] betas = new double[16];
    private int steps;

    /** Records step j: its step length α_j and the β_j that follows it (NaN when none follows). */
    public void record(double alpha, double beta) {
        if (steps == alphas.length) {
            alphas = Arrays.copyOf(alphas, 2 * steps);
            betas = Arrays.copyOf(betas, 2 * steps);
        }
        alphas[steps] = alpha;
        betas[steps] = beta;
        steps++;
    }

    /** Number of recorded steps (the order of T). */
    public int steps() {
        return steps;
    }

    /** The tridiagonal T: {diagonal, off-diagonal} (off-diagonal has one entry fewer). */
    double[][] tridiagonal() {
        double[] diag = new double[steps];
        double[] off = new double[Math.max(0, steps - 1)];
        for (int j = 0; j < steps; j++) {
            diag[j] = 1 / alphas[j] + (j == 0 ? 0 : betas[j - 1] / alphas[j - 1]);
            if (j + 1 < steps) {
                off[j] = Math.sqrt(betas[j]) / alphas[j];
            }
        }
        return new double[][] {diag, off};
    }

    /** The smallest and largest Ritz values {θ_min, θ_max}, or NaNs before the first step. */
    public double[] extremeRitzValues() {
        if (steps == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[][] t = tridiagonal();
        double[] diag = t[0];
        double[] off = t[1];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < steps; i++) { // Gershgorin interval
            double r = (i > 0 ? Math.abs(off[i - 1]) : 0) + (i < steps - 1 ? Math.abs(off[i]) : 0);
            lo = Math.min(lo, diag[i] - r);
            hi = Math.max(hi, diag[i] + r);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        return new double[] {kthEigenvalue(diag, off, 0, lo, hi), kthEigenvalue(diag, off, steps - 1, lo, hi)};
    }

    /** θ_max/θ_min, a lower bound on κ(P·H); NaN before the first step or if θ_min ≤ 0. */
    public double conditionEstimate() {
        double[] e = extremeRitzValues();
        return e[0] > 0 ? e[1] / e[0] : Double.NaN;
    }

    /** The k-th smallest eigenvalue (0-based) of the symmetric tridiagonal by bisection on [lo, hi]. */
    private static double kthEigenvalue(double[] diag, double[] off, int k, double lo, double hi) {
        for (int it = 0; it < 200 && hi - lo > 1e-15 * Math.max(Math.abs(lo), Math.abs(hi)); it++) {
            double mid = 0.5 * (lo + hi);
            if (countBelow(diag, off, mid) > k) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Number of eigenvalues below x (Sturm sequence of the LDLᵀ pivots of T − xI). */
    private static int countBelow(double[] diag, double[] off, double x) {
        int count = 0;
        double q = 1;
        for (int i = 0; i < diag.length; i++) {
            double e2 = i == 0 ? 0 : off[i - 1] * off[i - 1];
            q = diag[i] - x - (i == 0 ? 0 : e2 / q);
            if (q == 0) {
                q = -1e-300;
            }
            if (q < 0) {
                count++;
            }
        }
        return count;
    }
}
