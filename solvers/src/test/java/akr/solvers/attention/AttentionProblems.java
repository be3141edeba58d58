package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.random.CounterRandom;

/** Seeded test problems and naive references (K formed entry by entry) for the attention tests. */
final class AttentionProblems {

    private AttentionProblems() {
    }

    /** A = randn·d^{-1/4} ({@code attention}) or randn/√d. */
    static DenseMatrix points(int n, int d, boolean attention, long seed) {
        double s = attention ? Math.pow(d, -0.25) : 1 / Math.sqrt(d);
        DenseMatrix a = DenseMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, s * CounterRandom.gaussian(seed, 1, (long) i * d + j));
            }
        }
        return a;
    }

    static double[] gaussian(int n, long seed) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = CounterRandom.gaussian(seed, 2, i);
        }
        return b;
    }

    /** (K + λI)·x with K_ij = exp(⟨a_i, a_j⟩) summed naively (accumulated in order, no fusion). */
    static double[] kernelTimes(DenseMatrix a, double lambda, double[] x) {
        int n = a.rows();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = lambda * x[i];
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < a.cols(); k++) {
                    dot += a.get(i, k) * a.get(j, k);
                }
                s += Math.exp(dot) * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** ‖(K + λI)x − b‖/‖b‖ by the naive product. */
    static double residual(DenseMatrix a, double lambda, double[] x, double[] b) {
        double[] r = kernelTimes(a, lambda, x);
        double num = 0;
        double den = 0;
        for (int i = 0; i < r.length; i++) {
            num += (r[i] - b[i]) * (r[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    static double relativeDistance(double[] x, double[] y) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - y[i]) * (x[i] - y[i]);
            den += y[i] * y[i];
        }
        return Math.sqrt(num / den);
    }
}
