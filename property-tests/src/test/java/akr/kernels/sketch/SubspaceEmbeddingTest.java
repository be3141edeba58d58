package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import net.jqwik.api.Example;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistical subspace-embedding check with fixed seeds: for A with orthonormal columns
 * (n = 4096, d = 32), all singular values of SA lie in [0.5, 1.5] for m = 8d (SRHT, sparse sign,
 * Gaussian) and m = 2d² (CountSketch). Default tier.
 */
class SubspaceEmbeddingTest {

    static final int N = 4096;
    static final int D = 32;

    /** A with orthonormal columns: Gaussian entries, modified Gram–Schmidt twice. */
    static DenseMatrix orthonormal(long seed) {
        Random r = new Random(seed);
        double[][] q = new double[D][N];
        for (double[] col : q) {
            for (int i = 0; i < N; i++) {
                col[i] = r.nextGaussian();
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < D; j++) {
                for (int k = 0; k < j; k++) {
                    double dot = 0;
                    for (int i = 0; i < N; i++) {
                        dot += q[k][i] * q[j][i];
                    }
                    for (int i = 0; i < N; i++) {
                        q[j][i] -= dot * q[k][i];
                    }
                }
                double nrm = 0;
                for (int i = 0; i < N; i++) {
                    nrm += q[j][i] * q[j][i];
                }
                nrm = Math.sqrt(nrm);
                for (int i = 0; i < N; i++) {
                    q[j][i] /= nrm;
                }
            }
        }
        DenseMatrix a = DenseMatrix.zeros(N, D);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                a.set(i, j, q[j][i]);
            }
        }
        return a;
    }

    /** Eigenvalues of the symmetric matrix g (destroyed), by cyclic Jacobi rotations. */
    static double[] eigenvalues(double[][] g) {
        int n = g.length;
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += g[p][q] * g[p][q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(g[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (g[q][q] - g[p][p]) / (2 * g[p][q]);
                    double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double gkp = g[k][p], gkq = g[k][q];
                        g[k][p] = c * gkp - s * gkq;
                        g[k][q] = s * gkp + c * gkq;
                    }
                    for (int k = 0; k < n; k++) {
                        double gpk = g[p][k], gqk = g[q][k];
                        g[p][k] = c * gpk - s * gqk;
                        g[q][k] = s * gpk + c * gqk;
                    }
                }
            }
        }
        double[] ev = new double[n];
        for (int i = 0; i < n; i++) {
            ev[i] = g[i][i];
        }
        return ev;
    }

    static void assertEmbeds(Sketch.Kind kind, int m, long seed, DenseMatrix a) {
        DenseMatrix sa = Sketch.create(kind, m, N, seed).apply(a);
        double[][] g = new double[D][D];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < D; j++) {
                for (int k = 0; k < D; k++) {
                    g[j][k] += sa.get(i, j) * sa.get(i, k);
                }
            }
        }
        for (double ev : eigenvalues(g)) {
            double sigma = Math.sqrt(Math.max(0, ev));
            assertTrue(sigma >= 0.5 && sigma <= 1.5, kind + " m = " + m + " seed " + seed + ": singular value " + sigma);
        }
    }

    @Example
    void sketchesOfAnOrthonormalBasisHaveSingularValuesNearOne() {
        DenseMatrix a = orthonormal(42);
        for (long seed = 1; seed <= 3; seed++) {
            assertEmbeds(Sketch.Kind.SRHT, 8 * D, seed, a);
            assertEmbeds(Sketch.Kind.SPARSE_SIGN, 8 * D, seed, a);
            assertEmbeds(Sketch.Kind.GAUSSIAN, 8 * D, seed, a);
            assertEmbeds(Sketch.Kind.COUNT_SKETCH, 2 * D * D, seed, a);
        }
    }
}
