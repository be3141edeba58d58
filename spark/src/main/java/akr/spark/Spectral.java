package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Uplo;

/**
 * σ_max and σ_min of a small upper-triangular R by power iteration on RᵀR and inverse power
 * iteration through two triangular solves (as one machine's estimates: lower bound for σ_max,
 * upper bound for σ_min), from a deterministic start with no zero component.
 */
final class Spectral {

    private static final int STEPS = 40;

    private Spectral() {
    }

    static double sigmaMax(DenseMatrix r, Triangular tri) {
        int d = r.rows();
        double[] v = start(d);
        double[] w = new double[d];
        double est = 0;
        for (int s = 0; s < STEPS; s++) {
            // w = R v, v = Rᵀ w
            for (int i = 0; i < d; i++) {
                double acc = 0;
                for (int k = i; k < d; k++) {
                    acc += r.get(i, k) * v[k];
                }
                w[i] = acc;
            }
            for (int k = 0; k < d; k++) {
                double acc = 0;
                for (int i = 0; i <= k; i++) {
                    acc += r.get(i, k) * w[i];
                }
                v[k] = acc;
            }
            double nv = SparkPowerSolver.norm(v);
            if (nv == 0 || !Double.isFinite(nv)) {
                return nv;
            }
            est = Math.sqrt(nv);
            for (int i = 0; i < d; i++) {
                v[i] /= nv;
            }
        }
        return est;
    }

    static double sigmaMin(DenseMatrix r, Triangular tri) {
        int d = r.rows();
        for (int i = 0; i < d; i++) {
            if (r.get(i, i) == 0 || !Double.isFinite(r.get(i, i))) {
                return 0;
            }
        }
        double[] v = start(d);
        double est = Double.POSITIVE_INFINITY;
        for (int s = 0; s < STEPS; s++) {
            tri.trsv(Uplo.UPPER, Op.T, Diag.NON_UNIT, r, v, 0);
            tri.trsv(Uplo.UPPER, Op.N, Diag.NON_UNIT, r, v, 0);
            double nv = SparkPowerSolver.norm(v);
            if (nv == 0 || !Double.isFinite(nv)) {
                return 0;
            }
            est = 1 / Math.sqrt(nv);
            for (int i = 0; i < d; i++) {
                v[i] /= nv;
            }
        }
        return est;
    }

    private static double[] start(int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = 1.0 / Math.sqrt(d) * (1 + 0.1 * ((i * 7919) % 13) / 13.0);
        }
        return v;
    }
}
