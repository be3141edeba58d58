package akr.kernels.sketch;

import akr.kernels.Kernels;
import akr.kernels.DenseMatrix;
import akr.kernels.RandomData;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TensorSRHT and PolySketch with the transforms of one tier; subclassed once per tier. */
abstract class TensorSketchContract {

    abstract Tier tier();

    @Property(tries = 60)
    void tensorSrhtMatchesItsDenseMatrixOnTheKroneckerProduct(@ForAll @IntRange(min = 1, max = 20) int d1,
                                                             @ForAll @IntRange(min = 1, max = 20) int d2,
                                                             @ForAll @IntRange(min = 1, max = 50) int m,
                                                             @ForAll long seed) {
        TensorSrht t = new TensorSrht(d1, d2, m, seed, Kernels.of(tier()));
        double[] x = RandomData.vector(seed, d1);
        double[] y = RandomData.vector(seed + 1, d2);
        DenseMatrix dense = t.toDense();
        double[] got = t.apply(x, y);
        for (int k = 0; k < m; k++) {
            double s = 0, abs = 0;
            for (int a = 0; a < d1; a++) {
                for (int b = 0; b < d2; b++) {
                    double e = dense.get(k, a * d2 + b) * x[a] * y[b];
                    s += e;
                    abs += Math.abs(e);
                }
            }
            assertEquals(s, got[k], 4 * gamma(d1 * d2 + 64) * abs, "entry " + k);
        }
    }

    /** Numerical rank of a dense matrix's rows (Gram–Schmidt with re-orthogonalisation). */
    private static int rowRank(DenseMatrix t) {
        int cols = t.cols();
        java.util.List<double[]> basis = new java.util.ArrayList<>();
        for (int k = 0; k < t.rows(); k++) {
            double[] v = new double[cols];
            double norm0 = 0;
            for (int j = 0; j < cols; j++) {
                v[j] = t.get(k, j);
                norm0 += v[j] * v[j];
            }
            for (int pass = 0; pass < 2; pass++) {
                for (double[] q : basis) {
                    double dot = 0;
                    for (int j = 0; j < cols; j++) {
                        dot += q[j] * v[j];
                    }
                    for (int j = 0; j < cols; j++) {
                        v[j] -= dot * q[j];
                    }
                }
            }
            double norm = 0;
            for (double e : v) {
                norm += e * e;
            }
            if (norm > 1e-20 * norm0 && norm > 0) {
                double inv = 1 / Math.sqrt(norm);
                for (int j = 0; j < cols; j++) {
                    v[j] *= inv;
                }
                basis.add(v);
            }
        }
        return basis.size();
    }

    /**
     * The index pairs are sampled independently per factor: the rows of T are the distinct sampled
     * rows of (H D₁) ⊗ (H D₂), mutually orthogonal, so the rank of T is the number of distinct
     * (i_k, j_k) pairs and exceeds max(p₁, p₂) once m is a few times larger (one shared index
     * would cap it at max(p₁, p₂)).
     */
    @Property(tries = 30)
    void tensorSrhtFeaturesSpanMoreThanOneFactorsPaddedDimension(@ForAll @IntRange(min = 3, max = 9) int d1,
                                                                @ForAll @IntRange(min = 3, max = 9) int d2,
                                                                @ForAll long seed) {
        int p1 = Integer.highestOneBit(d1 - 1) << 1;
        int p2 = Integer.highestOneBit(d2 - 1) << 1;
        int m = 6 * Math.max(p1, p2);
        TensorSrht t = new TensorSrht(d1, d2, m, seed, Kernels.of(tier()));
        DenseMatrix dense = t.toDense();
        int rank = rowRank(dense);
        assertTrue(rank > Math.max(p1, p2), "rank " + rank + " of " + m + " features, p1 = " + p1 + ", p2 = " + p2);
        assertTrue(rank <= Math.min(m, d1 * d2));
    }

    /** E⟨T(x ⊗ y), T(x' ⊗ y')⟩ = ⟨x, x'⟩⟨y, y'⟩ over seeds (the cross term of the norm identity). */
    @Example
    void tensorSrhtPreservesInnerProductsInExpectation() {
        double[] x = RandomData.vector(11, 13);
        double[] y = RandomData.vector(12, 6);
        double[] x2 = RandomData.vector(13, 13);
        double[] y2 = RandomData.vector(14, 6);
        for (int i = 0; i < 13; i++) {
            x2[i] += x[i]; // correlated, so the expectation is far from zero
        }
        for (int i = 0; i < 6; i++) {
            y2[i] += y[i];
        }
        double xx = 0, yy = 0;
        for (int i = 0; i < 13; i++) {
            xx += x[i] * x2[i];
        }
        for (int i = 0; i < 6; i++) {
            yy += y[i] * y2[i];
        }
        double[] samples = new double[1600];
        for (int s = 0; s < samples.length; s++) {
            TensorSrht t = new TensorSrht(13, 6, 32, 7000 + s, Kernels.of(tier()));
            double[] z = t.apply(x, y);
            double[] z2 = t.apply(x2, y2);
            for (int k = 0; k < z.length; k++) {
                samples[s] += z[k] * z2[k];
            }
        }
        assertUnbiased(samples, xx * yy);
    }

    /** Mean of ‖S(·)‖² over independent seeds versus its expectation, within 4 standard errors. */
    private static void assertUnbiased(double[] samples, double expected) {
        double mean = 0;
        for (double v : samples) {
            mean += v;
        }
        mean /= samples.length;
        double var = 0;
        for (double v : samples) {
            var += (v - mean) * (v - mean);
        }
        double se = Math.sqrt(var / (samples.length - 1) / samples.length);
        assertTrue(se < 0.05 * expected, "standard error " + se + " of " + expected + " too large for the test to mean anything");
        assertEquals(expected, mean, 4 * se, "mean of " + samples.length + " sketches");
    }

    @Example
    void tensorSrhtPreservesTheSquaredNormInExpectation() {
        double[] x = RandomData.vector(1, 24);
        double[] y = RandomData.vector(2, 17);
        double nx = 0, ny = 0;
        for (double v : x) {
            nx += v * v;
        }
        for (double v : y) {
            ny += v * v;
        }
        double[] samples = new double[400];
        for (int s = 0; s < samples.length; s++) {
            double[] z = new TensorSrht(24, 17, 32, 1000 + s, Kernels.of(tier())).apply(x, y);
            for (double v : z) {
                samples[s] += v * v;
            }
        }
        assertUnbiased(samples, nx * ny);
    }

    @Example
    void polySketchOfDegreeFourPreservesTheNormInExpectation() {
        double[] x = RandomData.vector(3, 12);
        double nx = 0;
        for (double v : x) {
            nx += v * v;
        }
        double[] samples = new double[1600]; // degree 4 has a heavier tail than degree 2
        for (int s = 0; s < samples.length; s++) {
            double[] z = new PolySketch(12, 4, 64, 5000 + s, Kernels.of(tier())).apply(x);
            for (double v : z) {
                samples[s] += v * v;
            }
        }
        assertUnbiased(samples, Math.pow(nx, 4));
    }

    @Property(tries = 10)
    void rowWiseApplicationEqualsPerRowAndIgnoresTheThreadCount(@ForAll @IntRange(min = 1, max = 3000) int n,
                                                                @ForAll @IntRange(min = 1, max = 20) int d,
                                                                @ForAll @IntRange(min = 1, max = 3) int logDegree,
                                                                @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, n, d, 1, 2);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2)) {
            PolySketch p1 = new PolySketch(d, 1 << logDegree, 16, seed, Kernels.of(tier(), one));
            PolySketch p2 = new PolySketch(d, 1 << logDegree, 16, seed, Kernels.of(tier(), two));
            DenseMatrix z1 = p1.applyRows(a);
            assertArrayEquals(z1.data(), p2.applyRows(a).data());
            int r = (int) Math.floorMod(seed, (long) n);
            assertArrayEquals(p1.apply(a.toArray()[r]), z1.toArray()[r]);
            TensorSrht t1 = new TensorSrht(d, d, 16, seed, Kernels.of(tier(), one));
            TensorSrht t2 = new TensorSrht(d, d, 16, seed, Kernels.of(tier(), two));
            DenseMatrix y1 = t1.applyRows(a, a);
            assertArrayEquals(y1.data(), t2.applyRows(a, a).data());
            assertArrayEquals(t1.apply(a.toArray()[r], a.toArray()[r]), y1.toArray()[r]);
        }
    }

    @Example
    void polySketchOfDegreeTwoIsItsRootTensorSrht() {
        double[] x = RandomData.vector(9, 10);
        PolySketch p = new PolySketch(10, 2, 20, 77, Kernels.of(tier()));
        TensorSrht t = new TensorSrht(10, 10, 20, akr.kernels.random.CounterRandom.bits(77, 9, 0), Kernels.of(tier()));
        assertArrayEquals(t.apply(x, x), p.apply(x));
    }

    @Example
    void badArgumentsAreRejected() {
        ParallelExecutor ex = ParallelExecutor.shared();
        assertThrows(IllegalArgumentException.class, () -> new TensorSrht(0, 3, 4, 1, Kernels.of(tier(), ex)));
        assertThrows(IllegalArgumentException.class, () -> new TensorSrht(3, 3, 0, 1, Kernels.of(tier(), ex)));
        assertThrows(IllegalArgumentException.class, () -> new PolySketch(3, 3, 4, 1, Kernels.of(tier(), ex)));
        assertThrows(IllegalArgumentException.class, () -> new PolySketch(3, 1, 4, 1, Kernels.of(tier(), ex)));
        TensorSrht t = new TensorSrht(3, 4, 5, 1, Kernels.of(tier(), ex));
        assertThrows(IllegalArgumentException.class, () -> t.apply(new double[4], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> t.applyRows(DenseMatrix.zeros(2, 3), DenseMatrix.zeros(3, 4)));
        PolySketch p = new PolySketch(3, 4, 5, 1, Kernels.of(tier(), ex));
        assertThrows(IllegalArgumentException.class, () -> p.apply(new double[4]));
        assertThrows(IllegalArgumentException.class, () -> p.applyRows(DenseMatrix.zeros(2, 4)));
    }
}
