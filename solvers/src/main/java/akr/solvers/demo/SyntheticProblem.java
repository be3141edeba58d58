package akr.solvers.demo;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.gemm.Gemm;
import akr.kernels.qr.HouseholderQr;
import akr.kernels.random.CounterRandom;

/**
 * Seeded test matrices with prescribed singular values, A = U·diag(σ)·Vᵀ (n×d), and right-hand
 * sides with known exact solutions of the power problems.
 *
 * <p>U (n×d) is the thin Q factor of a Gaussian matrix, V (d×d) likewise; σ_i = κ^{−i/(d−1)} decays geometrically from 1 to 1/κ. All randomness is
 * {@link CounterRandom}, so a seed always gives the same problem.
 *
 * @param a     the matrix
 * @param u     its left singular vectors (n×d)
 * @param sigma its singular values, descending
 * @param v     its right singular vectors (d×d)
 */
public record SyntheticProblem(DenseMatrix a, DenseMatrix u, double[] sigma, DenseMatrix v) {

    /** A with singular values from 1 down to 1/κ. */
    public static SyntheticProblem withCondition(int n, int d, double kappa, long seed) {
        if (n < d || d < 1) {
            throw new IllegalArgumentException("need n >= d >= 1, got " + n + "x" + d);
        }
        DenseMatrix u = orthonormal(n, d, seed, 0);
        DenseMatrix v = orthonormal(d, d, seed, 1);
        double[] sigma = new double[d];
        for (int i = 0; i < d; i++) {
            sigma[i] = d == 1 ? 1.0 : Math.pow(kappa, -(double) i / (d - 1));
        }
        // A = (U·diag σ)·Vᵀ
        DenseMatrix us = u.copy();
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < d; k++) {
                us.set(r, k, us.get(r, k) * sigma[k]);
            }
        }
        DenseMatrix a = Gemm.get().multiply(Op.N, us, Op.T, v);
        return new SyntheticProblem(a, u, sigma, v);
    }

    /** A Gaussian vector (CounterRandom stream {@code stream}). */
    public static double[] gaussian(int n, long seed, long stream) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = CounterRandom.gaussian(seed, stream, i);
        }
        return g;
    }

    /** (AᵀA)ʲ·x = V·diag(σ^{2j})·Vᵀ·x, computed from the factors (no rounding from forming AᵀA). */
    public double[] gramPowerTimes(int j, double[] x) {
        double[] t = vTransposeTimes(x);
        for (int k = 0; k < t.length; k++) {
            t[k] *= Math.pow(sigma[k], 2 * j);
        }
        return vTimes(t);
    }

    /**
     * (AᵀA)^{−j}·b = V·diag(σ^{−2j})·Vᵀ·b, the exact gram-power solution from the factors, for a
     * right-hand side whose solution is not dominated by its own rounding.
     */
    public double[] gramPowerSolve(int j, double[] b) {
        double[] t = vTransposeTimes(b);
        for (int k = 0; k < t.length; k++) {
            t[k] /= Math.pow(sigma[k], 2 * j);
        }
        return vTimes(t);
    }

    private double[] vTransposeTimes(double[] x) {
        int d = sigma.length;
        double[] t = new double[d];
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += v.get(i, k) * x[i];
            }
            t[k] = s;
        }
        return t;
    }

    /**
     * The right-hand side b = A(AᵀA)ʲx* + ρ‖A(AᵀA)ʲx*‖·g of lstsq-power with solution x*, g a unit
     * vector orthogonal to range(A) (a Gaussian vector projected out of range(U) twice).
     *
     * @throws IllegalArgumentException if ρ ≠ 0 and A is square (no direction is orthogonal to its range)
     */
    public double[] lstsqRhs(int j, double[] xStar, double rho, long seed) {
        int n = u.rows();
        int d = sigma.length;
        double[] t = new double[d];
        for (int k = 0; k < d; k++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += v.get(i, k) * xStar[i];
            }
            t[k] = s * Math.pow(sigma[k], 2 * j + 1);
        }
        double[] b = new double[n];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += u.get(r, k) * t[k];
            }
            b[r] = s;
        }
        if (rho != 0) {
            if (n == d) {
                throw new IllegalArgumentException("a residual of relative size rho = " + rho
                        + " needs a direction orthogonal to range(A), which a square A (n = d = " + n + ") does not have");
            }
            double[] g = gaussian(n, seed, 7);
            double[] ud = u.data();
            double[] s = new double[d];
            for (int pass = 0; pass < 2; pass++) { // g ← (I − UUᵀ)g by classical Gram–Schmidt, twice (CGS2)
                java.util.Arrays.fill(s, 0.0);
                for (int r = 0; r < n; r++) { // s = Uᵀg, U read row by row
                    int o = u.index(r, 0);
                    double gr = g[r];
                    for (int k = 0; k < d; k++) {
                        s[k] += ud[o + k] * gr;
                    }
                }
                for (int r = 0; r < n; r++) { // g ← g − U·s
                    int o = u.index(r, 0);
                    double e = 0;
                    for (int k = 0; k < d; k++) {
                        e += ud[o + k] * s[k];
                    }
                    g[r] -= e;
                }
            }
            double nrm = 0;
            for (double x : g) {
                nrm += x * x;
            }
            nrm = Math.sqrt(nrm);
            double bn = 0;
            for (double x : b) {
                bn += x * x;
            }
            bn = Math.sqrt(bn);
            for (int r = 0; r < n; r++) {
                b[r] += rho * bn * g[r] / nrm;
            }
        }
        return b;
    }

    private double[] vTimes(double[] t) {
        int d = sigma.length;
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += v.get(i, k) * t[k];
            }
            out[i] = s;
        }
        return out;
    }

    /** Relative forward error ‖x − x*‖/‖x*‖. */
    public static double forwardError(double[] x, double[] xStar) {
        double e = 0;
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            e += (x[i] - xStar[i]) * (x[i] - xStar[i]);
            s += xStar[i] * xStar[i];
        }
        return Math.sqrt(e / s);
    }

    /** An n×d matrix with orthonormal columns: the thin Q of a Gaussian matrix's Householder QR. */
    static DenseMatrix orthonormal(int n, int d, long seed, long stream) {
        DenseMatrix g = DenseMatrix.zeros(n, d);
        double[] data = g.data();
        for (int i = 0; i < data.length; i++) {
            data[i] = CounterRandom.gaussian(seed, 100 + stream, i);
        }
        return HouseholderQr.factorInPlace(g).thinQ();
    }
}
