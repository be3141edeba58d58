package akr.kernels.sketch;

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
        TensorSrht t = new TensorSrht(d1, d2, m, seed, tier(), ParallelExecutor.shared());
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
            double[] z = new TensorSrht(24, 17, 32, 1000 + s, tier(), ParallelExecutor.shared()).apply(x, y);
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
            double[] z = new PolySketch(12, 4, 64, 5000 + s, tier(), ParallelExecutor.shared()).apply(x);
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
            PolySketch p1 = new PolySketch(d, 1 << logDegree, 16, seed, tier(), one);
            PolySketch p2 = new PolySketch(d, 1 << logDegree, 16, seed, tier(), two);
            DenseMatrix z1 = p1.applyRows(a);
            assertArrayEquals(z1.data(), p2.applyRows(a).data());
            int r = (int) Math.floorMod(seed, (long) n);
            assertArrayEquals(p1.apply(a.toArray()[r]), z1.toArray()[r]);
            TensorSrht t1 = new TensorSrht(d, d, 16, seed, tier(), one);
            TensorSrht t2 = new TensorSrht(d, d, 16, seed, tier(), two);
            DenseMatrix y1 = t1.applyRows(a, a);
            assertArrayEquals(y1.data(), t2.applyRows(a, a).data());
            assertArrayEquals(t1.apply(a.toArray()[r], a.toArray()[r]), y1.toArray()[r]);
        }
    }

    @Example
    void polySketchOfDegreeTwoIsItsRootTensorSrht() {
        double[] x = RandomData.vector(9, 10);
        PolySketch p = new PolySketch(10, 2, 20, 77, tier(), ParallelExecutor.shared());
        TensorSrht t = new TensorSrht(10, 10, 20, akr.kernels.random.CounterRandom.bits(77, 9, 0), tier(),
                ParallelExecutor.shared());
        assertArrayEquals(t.apply(x, x), p.apply(x));
    }

    @Example
    void badArgumentsAreRejected() {
        ParallelExecutor ex = ParallelExecutor.shared();
        assertThrows(IllegalArgumentException.class, () -> new TensorSrht(0, 3, 4, 1, tier(), ex));
        assertThrows(IllegalArgumentException.class, () -> new TensorSrht(3, 3, 0, 1, tier(), ex));
        assertThrows(IllegalArgumentException.class, () -> new PolySketch(3, 3, 4, 1, tier(), ex));
        assertThrows(IllegalArgumentException.class, () -> new PolySketch(3, 1, 4, 1, tier(), ex));
        TensorSrht t = new TensorSrht(3, 4, 5, 1, tier(), ex);
        assertThrows(IllegalArgumentException.class, () -> t.apply(new double[4], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> t.applyRows(DenseMatrix.zeros(2, 3), DenseMatrix.zeros(3, 4)));
        PolySketch p = new PolySketch(3, 4, 5, 1, tier(), ex);
        assertThrows(IllegalArgumentException.class, () -> p.apply(new double[4]));
        assertThrows(IllegalArgumentException.class, () -> p.applyRows(DenseMatrix.zeros(2, 4)));
    }
}
