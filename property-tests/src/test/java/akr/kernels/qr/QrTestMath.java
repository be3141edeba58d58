package akr.kernels.qr;

import akr.kernels.DenseMatrix;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

/** Naive dense helpers the QR contracts check results with. */
final class QrTestMath {

    private QrTestMath() {
    }

    static DenseMatrix multiply(DenseMatrix a, DenseMatrix b) {
        DenseMatrix c = DenseMatrix.zeros(a.rows(), b.cols());
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0;
                for (int l = 0; l < a.cols(); l++) {
                    s += a.get(i, l) * b.get(l, j);
                }
                c.set(i, j, s);
            }
        }
        return c;
    }

    static double frobenius(DenseMatrix a) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                s += a.get(i, j) * a.get(i, j);
            }
        }
        return Math.sqrt(s);
    }

    static double frobeniusDistance(DenseMatrix a, DenseMatrix b) {
        double s = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                double d = a.get(i, j) - b.get(i, j);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    /** ‖QᵀQ − I‖_F. */
    static double orthogonalityError(DenseMatrix q) {
        DenseMatrix g = multiply(q.transpose(), q);
        double s = 0;
        for (int i = 0; i < g.rows(); i++) {
            for (int j = 0; j < g.cols(); j++) {
                double d = g.get(i, j) - (i == j ? 1 : 0);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    /** The largest |entry| strictly below the diagonal. */
    static double belowDiagonal(DenseMatrix r) {
        double m = 0;
        for (int i = 0; i < r.rows(); i++) {
            for (int j = 0; j < Math.min(i, r.cols()); j++) {
                m = Math.max(m, Math.abs(r.get(i, j)));
            }
        }
        return m;
    }

    /** Uniform [−1, 1) entries. */
    static DenseMatrix random(long seed, int rows, int cols) {
        Random r = new Random(seed);
        DenseMatrix a = DenseMatrix.zeros(rows, cols);
        for (int i = 0; i < a.data().length; i++) {
            a.data()[i] = 2 * r.nextDouble() - 1;
        }
        return a;
    }

    /** A random matrix with singular values 1 … 1/κ (geometric), built from two random orthogonal factors. */
    static DenseMatrix withCondition(long seed, int rows, int cols, double kappa) {
        int k = Math.min(rows, cols);
        DenseMatrix u = orthonormalColumns(seed, rows, k);
        DenseMatrix v = orthonormalColumns(seed + 1, cols, k);
        for (int j = 0; j < k; j++) {
            double s = k == 1 ? 1 : Math.pow(kappa, -(double) j / (k - 1));
            for (int i = 0; i < rows; i++) {
                u.set(i, j, u.get(i, j) * s);
            }
        }
        return multiply(u, v.transpose());
    }

    /** Gram–Schmidt twice on a random matrix, in plain loops. */
    static DenseMatrix orthonormalColumns(long seed, int rows, int cols) {
        DenseMatrix q = random(seed, rows, cols);
        for (int j = 0; j < cols; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int l = 0; l < j; l++) {
                    double s = 0;
                    for (int i = 0; i < rows; i++) {
                        s += q.get(i, l) * q.get(i, j);
                    }
                    for (int i = 0; i < rows; i++) {
                        q.set(i, j, q.get(i, j) - s * q.get(i, l));
                    }
                }
            }
            double nrm = 0;
            for (int i = 0; i < rows; i++) {
                nrm += q.get(i, j) * q.get(i, j);
            }
            nrm = Math.sqrt(nrm);
            for (int i = 0; i < rows; i++) {
                q.set(i, j, q.get(i, j) / nrm);
            }
        }
        return q;
    }

    /** argmin ‖Ax − b‖ from the normal equations AᵀA x = Aᵀb in 80-digit decimal arithmetic. */
    static double[] leastSquaresExtended(DenseMatrix a, double[] b) {
        MathContext mc = new MathContext(80);
        int m = a.rows();
        int n = a.cols();
        BigDecimal[][] g = new BigDecimal[n][n + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= n; j++) {
                BigDecimal s = BigDecimal.ZERO;
                for (int r = 0; r < m; r++) {
                    BigDecimal y = new BigDecimal(j < n ? a.get(r, j) : b[r]);
                    s = s.add(new BigDecimal(a.get(r, i)).multiply(y, mc), mc);
                }
                g[i][j] = s;
            }
        }
        for (int p = 0; p < n; p++) {
            int best = p;
            for (int i = p + 1; i < n; i++) {
                if (g[i][p].abs().compareTo(g[best][p].abs()) > 0) {
                    best = i;
                }
            }
            BigDecimal[] t = g[p];
            g[p] = g[best];
            g[best] = t;
            for (int i = p + 1; i < n; i++) {
                BigDecimal f = g[i][p].divide(g[p][p], mc);
                for (int j = p; j <= n; j++) {
                    g[i][j] = g[i][j].subtract(f.multiply(g[p][j], mc), mc);
                }
            }
        }
        double[] x = new double[n];
        BigDecimal[] xs = new BigDecimal[n];
        for (int i = n - 1; i >= 0; i--) {
            BigDecimal s = g[i][n];
            for (int j = i + 1; j < n; j++) {
                s = s.subtract(g[i][j].multiply(xs[j], mc), mc);
            }
            xs[i] = s.divide(g[i][i], mc);
            x[i] = xs[i].doubleValue();
        }
        return x;
    }
}
