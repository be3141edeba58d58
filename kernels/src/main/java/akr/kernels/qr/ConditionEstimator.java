package akr.kernels.qr;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.triangular.Triangular;

/**
 * The 1-norm reciprocal condition estimate of an upper triangular matrix, as LAPACK dtrcon:
 * rcond = 1 / (‖R‖₁ · est), est ≤ ‖R⁻¹‖₁ from Hager's power method on the unit ball of the
 * ∞-norm (dlacn2: at most five pairs of solves R·y = x, Rᵀ·z = sign(y), moving x to the unit vector
 * where |z| is largest) and Higham's alternating test vector x_i = (−1)ⁱ(1 + i/(n−1)), whose
 * 2‖R⁻¹x‖₁/(3n) catches the matrices on which the power method stalls.
 */
final class ConditionEstimator {

    private static final int MAX_ITERATIONS = 5;

    private ConditionEstimator() {
    }

    static double reciprocalCondition(DenseMatrix r, Triangular tri) {
        int n = r.rows();
        if (n == 0) {
            return 1.0;
        }
        double norm = 0;
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i <= j; i++) {
                s += Math.abs(r.get(i, j));
            }
            norm = Math.max(norm, s);
            if (r.get(j, j) == 0) {
                return 0.0;
            }
        }
        double inv = inverseNormEstimate(r, tri);
        double rc = 1.0 / (norm * inv);
        return Double.isFinite(inv) && rc > 0 ? Math.min(1.0, rc) : 0.0;
    }

    /** Lower bound on ‖R⁻¹‖₁. */
    static double inverseNormEstimate(DenseMatrix r, Triangular tri) {
        int n = r.rows();
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        tri.trsv(Triangular.Uplo.UPPER, Op.N, Triangular.Diag.NON_UNIT, r, x, 0);
        double est = norm1(x);
        if (n == 1 || !Double.isFinite(est)) {
            return est;
        }
        double[] sign = signs(x);
        double[] z = sign.clone();
        tri.trsv(Triangular.Uplo.UPPER, Op.T, Triangular.Diag.NON_UNIT, r, z, 0);
        int j = argMaxAbs(z);
        for (int iter = 2; iter <= MAX_ITERATIONS; iter++) {
            java.util.Arrays.fill(x, 0.0);
            x[j] = 1.0;
            tri.trsv(Triangular.Uplo.UPPER, Op.N, Triangular.Diag.NON_UNIT, r, x, 0);
            double old = est;
            est = norm1(x);
            double[] s = signs(x);
            if (java.util.Arrays.equals(s, sign) || est <= old || !Double.isFinite(est)) {
                est = Math.max(est, old);
                break;
            }
            sign = s;
            z = sign.clone();
            tri.trsv(Triangular.Uplo.UPPER, Op.T, Triangular.Diag.NON_UNIT, r, z, 0);
            int last = j;
            j = argMaxAbs(z);
            if (Math.abs(z[last]) == Math.abs(z[j])) {
                break;
            }
        }
        for (int i = 0; i < n; i++) {
            x[i] = (i % 2 == 0 ? 1.0 : -1.0) * (1.0 + (double) i / (n - 1));
        }
        tri.trsv(Triangular.Uplo.UPPER, Op.N, Triangular.Diag.NON_UNIT, r, x, 0);
        return Math.max(est, 2 * norm1(x) / (3.0 * n));
    }

    private static double norm1(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    private static double[] signs(double[] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = x[i] >= 0 ? 1.0 : -1.0;
        }
        return s;
    }

    private static int argMaxAbs(double[] z) {
        int j = 0;
        for (int i = 1; i < z.length; i++) {
            if (Math.abs(z[i]) > Math.abs(z[j])) {
                j = i;
            }
        }
        return j;
    }
}
