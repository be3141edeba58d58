package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.blas1.Blas1;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Uplo;

/**
 * Estimates of the extreme singular values of a small upper-triangular R by power iteration on
 * RᵀR and inverse power iteration through two triangular solves. Each costs O(d²) per step; the
 * results are lower bounds for σ_max and upper bounds for σ_min that converge quickly from a
 * deterministic start vector with no zero components. The vector operations run on the solve's
 * kernel context.
 */
final class SpectralEstimates {

    private static final int STEPS = 40;

    private SpectralEstimates() {
    }

    /** σ_max(R). */
    static double sigmaMax(DenseMatrix r, Kernels k) {
        double scale = powerOfTwoScale(r);
        Blas1 blas = k.blas1();
        return scale == 1 ? sigmaMaxUnscaled(r, blas) : scale * sigmaMaxUnscaled(scaled(r, 1 / scale), blas);
    }

    /** σ_min(R); 0 when R has a zero or non-finite diagonal entry. */
    static double sigmaMin(DenseMatrix r, Kernels k) {
        double scale = powerOfTwoScale(r);
        Triangular tri = k.triangular();
        Blas1 blas = k.blas1();
        return scale == 1 ? sigmaMinUnscaled(r, tri, blas) : scale * sigmaMinUnscaled(scaled(r, 1 / scale), tri, blas);
    }

    /**
     * A power of two near max|r_ij| (1 when that is already moderate): the iterations run on R
     * divided by it, so that RᵀR and (RᵀR)⁻¹ neither overflow nor underflow for any scale of A;
     * dividing by a power of two is exact.
     */
    private static double powerOfTwoScale(DenseMatrix r) {
        double max = 0;
        for (int i = 0; i < r.rows(); i++) {
            for (int j = i; j < r.cols(); j++) {
                max = Math.max(max, Math.abs(r.get(i, j)));
            }
        }
        boolean moderate = max > 0x1.0p-100 && max < 0x1.0p100;
        return moderate || max == 0 || !Double.isFinite(max) ? 1 : Math.scalb(1.0, Math.getExponent(max));
    }

    private static DenseMatrix scaled(DenseMatrix r, double factor) {
        DenseMatrix c = DenseMatrix.zeros(r.rows(), r.cols());
        for (int i = 0; i < r.rows(); i++) {
            for (int j = i; j < r.cols(); j++) {
                c.set(i, j, r.get(i, j) * factor);
            }
        }
        return c;
    }

    private static double sigmaMaxUnscaled(DenseMatrix r, Blas1 blas) {
        int d = r.rows();
        double[] v = start(d, blas);
        double[] w = new double[d];
        double sigma = 0;
        for (int it = 0; it < STEPS; it++) {
            upperTimes(r, v, w);       // w = R v
            double s = blas.nrm2(w);
            upperTransposeTimes(r, w, v); // v = Rᵀ R v
            double nv = blas.nrm2(v);
            if (nv == 0 || !Double.isFinite(nv)) {
                return s;
            }
            scale(v, 1 / nv, blas);
            if (Math.abs(s - sigma) <= 1e-6 * s) {
                return Math.max(s, sigma);
            }
            sigma = s;
        }
        return sigma;
    }

    private static double sigmaMinUnscaled(DenseMatrix r, Triangular tri, Blas1 blas) {
        int d = r.rows();
        for (int i = 0; i < d; i++) {
            double v = r.get(i, i);
            if (v == 0 || !Double.isFinite(v)) {
                return 0;
            }
        }
        double[] v = start(d, blas);
        double inv = 0;
        for (int it = 0; it < STEPS; it++) {
            tri.trsv(Uplo.UPPER, Op.T, Diag.NON_UNIT, r, v, 0); // v = R⁻ᵀ v
            tri.trsv(Uplo.UPPER, Op.N, Diag.NON_UNIT, r, v, 0); // v = R⁻¹R⁻ᵀ v
            double nv = blas.nrm2(v);
            if (!Double.isFinite(nv)) {
                return 0;
            }
            scale(v, 1 / nv, blas);
            double s = Math.sqrt(nv); // ‖(RᵀR)⁻¹ v_prev‖ → 1/σ_min²
            if (Math.abs(s - inv) <= 1e-6 * s) {
                inv = Math.max(s, inv);
                break;
            }
            inv = s;
        }
        return 1 / inv;
    }

    /** κ₂(R) = σ_max/σ_min, +∞ when R is singular. */
    static double condition(DenseMatrix r, Kernels k) {
        double lo = sigmaMin(r, k);
        return lo == 0 ? Double.POSITIVE_INFINITY : sigmaMax(r, k) / lo;
    }

    private static double[] start(int d, Blas1 blas) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 1.0 + 0.5 * Math.sin(1.0 + i); // deterministic, no zero components
        }
        scale(v, 1 / blas.nrm2(v), blas);
        return v;
    }

    private static void upperTimes(DenseMatrix r, double[] x, double[] y) {
        int d = r.rows();
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = i; j < d; j++) {
                s += r.get(i, j) * x[j];
            }
            y[i] = s;
        }
    }

    private static void upperTransposeTimes(DenseMatrix r, double[] x, double[] y) {
        int d = r.rows();
        java.util.Arrays.fill(y, 0.0);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                y[j] += r.get(i, j) * x[i];
            }
        }
    }

    private static void scale(double[] x, double s, Blas1 blas) {
        blas.scal(x.length, s, x, 0, 1);
    }
}
