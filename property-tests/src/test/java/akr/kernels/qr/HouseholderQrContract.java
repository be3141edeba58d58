package akr.kernels.qr;

import akr.kernels.Kernels;
import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.SingularMatrixException;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.qr.HouseholderQr.Algorithm;
import akr.kernels.qr.HouseholderQr.Options;
import akr.kernels.triangular.Triangular;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static akr.kernels.TestTiers.U;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link HouseholderQr} must satisfy with every kernel tier, for the blocked and the
 * tall-skinny algorithms (the latter forced with small leaves so that trees of several levels occur
 * at test sizes); subclassed once per tier.
 */
abstract class HouseholderQrContract {

    abstract Tier tier();

    Options options() {
        return Options.defaults().withKernels(Kernels.of(tier()));
    }

    @Provide
    Arbitrary<Integer> dims() {
        return Sizes.upTo(70);
    }

    @Provide
    Arbitrary<Options> variants() {
        Options o = options();
        return Arbitraries.of(o, o.withNonNegativeDiagonal(true), o.withAlgorithm(Algorithm.BLOCKED).withBlockSize(1),
                o.withAlgorithm(Algorithm.BLOCKED).withBlockSize(3), o.withAlgorithm(Algorithm.BLOCKED).withBlockSize(8),
                o.withAlgorithm(Algorithm.TALL_SKINNY).withLeafRows(0),
                o.withAlgorithm(Algorithm.TALL_SKINNY).withLeafRows(70).withNonNegativeDiagonal(true),
                o.withAlgorithm(Algorithm.TALL_SKINNY).withLeafRows(71));
    }

    /** Checks A = Q·R, QᵀQ = I and R upper triangular to c·m·n·u. */
    static void assertFactorisation(DenseMatrix a, HouseholderQr qr, String what) {
        int m = a.rows();
        int n = a.cols();
        DenseMatrix q = qr.thinQ();
        DenseMatrix r = qr.r();
        int k = Math.min(m, n);
        assertEquals(m, q.rows());
        assertEquals(k, q.cols());
        assertEquals(k, r.rows());
        assertEquals(n, r.cols());
        assertEquals(0.0, QrTestMath.belowDiagonal(r), what + ": R not upper triangular");
        double tol = 10.0 * (m + 1) * (n + 1) * U;
        double dist = QrTestMath.frobeniusDistance(QrTestMath.multiply(q, r), a);
        assertTrue(dist <= tol * QrTestMath.frobenius(a), what + ": ‖QR − A‖ = " + dist);
        double orth = QrTestMath.orthogonalityError(q);
        assertTrue(orth <= tol, what + ": ‖QᵀQ − I‖ = " + orth);
    }

    private static DenseMatrix factorTarget(int m, int n, long seed) {
        return RandomData.matrix(seed, m, n, 2, 3);
    }

    @Property(tries = 80)
    void factorisationHoldsOnEdgeShapes(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("variants") Options o,
                                        @ForAll long seed) {
        DenseMatrix a = factorTarget(m, n, seed);
        HouseholderQr qr = HouseholderQr.factor(a, o);
        assertFactorisation(a, qr, m + "x" + n + " " + qr.algorithm());
        if (o.nonNegativeDiagonal()) {
            DenseMatrix r = qr.r();
            for (int i = 0; i < Math.min(m, n); i++) {
                assertTrue(r.get(i, i) >= 0, "negative diagonal entry " + i);
            }
        }
    }

    @Property(tries = 20)
    void tallSkinnyTreesOfSeveralLevels(@ForAll @IntRange(min = 1, max = 12) int n,
                                        @ForAll @IntRange(min = 1, max = 400) int m0, @ForAll long seed) {
        int m = m0 + 2 * n;
        DenseMatrix a = factorTarget(m, n, seed);
        int leaf = Math.max(n, m / 13);
        HouseholderQr ts = HouseholderQr.factor(a, options().withAlgorithm(Algorithm.TALL_SKINNY).withLeafRows(leaf)
                .withNonNegativeDiagonal(true));
        assertEquals(Algorithm.TALL_SKINNY, ts.algorithm());
        assertFactorisation(a, ts, "tsqr " + m + "x" + n + " leaf " + leaf);
        // the R factor is unique up to row signs: both algorithms agree with diag(R) ≥ 0
        HouseholderQr bl = HouseholderQr.factor(a, options().withAlgorithm(Algorithm.BLOCKED).withNonNegativeDiagonal(true));
        DenseMatrix r1 = ts.r();
        DenseMatrix r2 = bl.r();
        double tol = 100.0 * (m + n) * n * U * QrTestMath.frobenius(a);
        assertTrue(QrTestMath.frobeniusDistance(r1, r2) <= tol, "R of TSQR and blocked QR differ");
    }

    @Property(tries = 30)
    void applyQtThenQReturnsTheInput(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("variants") Options o,
                                     @ForAll @IntRange(min = 1, max = 9) int p, @ForAll long seed) {
        HouseholderQr qr = HouseholderQr.factor(factorTarget(m, n, seed), o);
        DenseMatrix c = RandomData.matrix(seed + 5, m, p, 1, 1);
        DenseMatrix c0 = c.copy();
        qr.applyQt(c);
        qr.applyQ(c);
        double tol = 10.0 * (m + 1) * (n + 1) * U * Math.max(1e-300, QrTestMath.frobenius(c0));
        assertTrue(QrTestMath.frobeniusDistance(c, c0) <= tol);
        double[] b = RandomData.vector(seed + 6, m);
        double[] back = qr.applyQ(qr.applyQt(b));
        assertTrue(QrTestMath.frobeniusDistance(DenseMatrix.wrap(back, m, 1), DenseMatrix.wrap(b, m, 1))
                <= 10.0 * (m + 1) * (n + 1) * U * Math.max(1e-300, QrTestMath.frobenius(DenseMatrix.wrap(b, m, 1))));
    }

    @Property(tries = 15)
    void exactlyRankDeficientMatrices(@ForAll @IntRange(min = 2, max = 60) int m, @ForAll @IntRange(min = 2, max = 20) int n,
                                      @ForAll @IntRange(min = 1, max = 19) int rank0, @ForAll("variants") Options o,
                                      @ForAll long seed) {
        int rank = Math.min(rank0, Math.min(m, n) - 1);
        DenseMatrix a = QrTestMath.multiply(QrTestMath.random(seed, m, rank), QrTestMath.random(seed + 1, rank, n));
        HouseholderQr qr = HouseholderQr.factor(a, o);
        assertFactorisation(a, qr, "rank " + rank);
        assertTrue(qr.reciprocalConditionEstimate() < 1e-10, "rcond " + qr.reciprocalConditionEstimate());
    }

    @Property(tries = 10)
    void illConditionedMatrices(@ForAll @IntRange(min = 1, max = 24) int n, @ForAll @IntRange(min = 0, max = 60) int extra,
                                @ForAll("variants") Options o, @ForAll long seed) {
        int m = n + extra;
        DenseMatrix a = QrTestMath.withCondition(seed, m, n, 1e12);
        HouseholderQr qr = HouseholderQr.factor(a, o);
        assertFactorisation(a, qr, "kappa 1e12");
        if (n > 1) {
            double est = qr.conditionEstimate();
            assertTrue(est >= 1e12 / (100.0 * n) && est <= 1e12 * 10.0 * n, "condition estimate " + est);
        }
    }

    @Property(tries = 15)
    void rowsOfVeryDifferentScale(@ForAll @IntRange(min = 1, max = 60) int m, @ForAll @IntRange(min = 1, max = 15) int n,
                                  @ForAll("variants") Options o, @ForAll long seed) {
        DenseMatrix a = QrTestMath.random(seed, m, n);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < m; i++) {
            double s = Math.pow(10, r.nextInt(25) - 12);
            for (int j = 0; j < n; j++) {
                a.set(i, j, a.get(i, j) * s);
            }
        }
        HouseholderQr qr = HouseholderQr.factor(a, o);
        assertFactorisation(a, qr, "row-scaled");
    }

    @Property(tries = 25)
    void leastSquaresMatchesExtendedPrecisionNormalEquations(@ForAll @IntRange(min = 1, max = 8) int n,
                                                             @ForAll @IntRange(min = 0, max = 60) int extra,
                                                             @ForAll("variants") Options o, @ForAll long seed) {
        int m = n + extra;
        DenseMatrix a = QrTestMath.random(seed, m, n);
        double[] b = RandomData.vector(seed + 1, m);
        double[] bCopy = b.clone();
        HouseholderQr qr = HouseholderQr.factor(a, o);
        double kappa = qr.conditionEstimate();
        double[] x = qr.solveLeastSquares(b);
        double[] want = QrTestMath.leastSquaresExtended(a, b);
        assertArrayEquals(bCopy, b, "b modified");
        double xn = QrTestMath.frobenius(DenseMatrix.wrap(want, n, 1));
        double err = QrTestMath.frobeniusDistance(DenseMatrix.wrap(x, n, 1), DenseMatrix.wrap(want, n, 1));
        double tol = 10.0 * (m + 1) * (n + 1) * U * kappa * kappa * Math.max(xn, 1);
        assertTrue(err <= tol, "‖x − x*‖ = " + err + " > " + tol + " (kappa ≈ " + kappa + ")");
    }

    @Property(tries = 20)
    void conditionEstimateBoundsTheTrueCondition(@ForAll @IntRange(min = 1, max = 30) int n,
                                                 @ForAll @IntRange(min = 0, max = 8) int decades, @ForAll long seed) {
        DenseMatrix a = QrTestMath.withCondition(seed, n + 3, n, Math.pow(10, decades));
        HouseholderQr qr = HouseholderQr.factor(a, options());
        DenseMatrix r = qr.r();
        DenseMatrix inv = DenseMatrix.identity(n);
        Triangular.of(Tier.REFERENCE).trsm(Triangular.Side.LEFT, Triangular.Uplo.UPPER, Op.N, Triangular.Diag.NON_UNIT,
                1.0, r, inv);
        double exact = norm1(r) * norm1(inv);
        double est = qr.conditionEstimate();
        assertTrue(est <= exact * (1 + 1e-6), "estimate " + est + " above exact " + exact);
        assertTrue(est >= exact / (10.0 * n), "estimate " + est + " far below exact " + exact);
    }

    private static double norm1(DenseMatrix a) {
        double best = 0;
        for (int j = 0; j < a.cols(); j++) {
            double s = 0;
            for (int i = 0; i < a.rows(); i++) {
                s += Math.abs(a.get(i, j));
            }
            best = Math.max(best, s);
        }
        return best;
    }

    @Property(tries = 4)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 2000, max = 6000) int m,
                                            @ForAll @IntRange(min = 1, max = 24) int n, @ForAll long seed) {
        DenseMatrix a = factorTarget(m, n, seed);
        double[] b = RandomData.vector(seed + 1, m);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            Options base = options().withLeafRows(Math.max(n, m / 11));
            HouseholderQr q1 = HouseholderQr.factor(a, base.withKernels(base.kernels().withExecutor(one)));
            HouseholderQr q2 = HouseholderQr.factor(a, base.withKernels(base.kernels().withExecutor(two)));
            HouseholderQr q3 = HouseholderQr.factor(a, base.withKernels(base.kernels().withExecutor(three)));
            assertEquals(Algorithm.TALL_SKINNY, q1.algorithm());
            assertArrayEquals(q1.r().data(), q2.r().data());
            assertArrayEquals(q1.r().data(), q3.r().data());
            assertArrayEquals(q1.applyQt(b), q2.applyQt(b));
            assertArrayEquals(q1.applyQt(b), q3.applyQt(b));
            assertArrayEquals(q1.applyQ(b), q2.applyQ(b));
            assertArrayEquals(q1.solveLeastSquares(b), q3.solveLeastSquares(b));
        }
    }

    /** Blocked path: look-ahead panel factorisation and column-chunked updates (several chunks at these sizes). */
    @Property(tries = 3)
    void blockedResultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 300, max = 480) int m,
                                                   @ForAll @IntRange(min = 400, max = 480) int n,
                                                   @ForAll @IntRange(min = 5, max = 40) int blockSize,
                                                   @ForAll long seed) {
        DenseMatrix a = factorTarget(m, n, seed);
        double[] b = RandomData.vector(seed + 1, m);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            Options base = options().withAlgorithm(Algorithm.BLOCKED).withBlockSize(blockSize);
            HouseholderQr q1 = HouseholderQr.factor(a, base.withKernels(base.kernels().withExecutor(one)));
            HouseholderQr q2 = HouseholderQr.factor(a, base.withKernels(base.kernels().withExecutor(two)));
            HouseholderQr q3 = HouseholderQr.factor(a, base.withKernels(base.kernels().withExecutor(three)));
            assertArrayEquals(q1.r().data(), q2.r().data());
            assertArrayEquals(q1.r().data(), q3.r().data());
            DenseMatrix thin1 = q1.thinQ();
            assertArrayEquals(thin1.data(), q2.thinQ().data());
            assertArrayEquals(thin1.data(), q3.thinQ().data());
            assertArrayEquals(q1.applyQt(b), q3.applyQt(b));
            assertFactorisation(a, q2, "blocked " + m + "x" + n + " nb " + blockSize);
        }
    }

    @Property(tries = 20)
    void inputIsNotModifiedAndInPlaceAgrees(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("variants") Options o,
                                            @ForAll long seed) {
        DenseMatrix a = factorTarget(m, n, seed);
        double[] before = a.data().clone();
        HouseholderQr qr = HouseholderQr.factor(a, o);
        assertArrayEquals(before, a.data(), "factor modified its input");
        HouseholderQr inPlace = HouseholderQr.factorInPlace(a, o);
        assertArrayEquals(qr.r().data(), inPlace.r().data());
        double[] b = RandomData.vector(seed, m);
        assertArrayEquals(qr.applyQt(b), inPlace.applyQt(b));
    }

    private static DenseMatrix augmented(DenseMatrix a, double[] c) {
        int n = a.cols() + (c == null ? 0 : 1);
        DenseMatrix full = DenseMatrix.zeros(a.rows(), n);
        full.view(0, 0, a.rows(), a.cols()).copyFrom(a);
        for (int i = 0; c != null && i < a.rows(); i++) {
            full.set(i, n - 1, c[i]);
        }
        return full;
    }

    @Property(tries = 60)
    void rFactorWithoutQIsTheFactorisationsR(@ForAll("dims") int m, @ForAll("dims") int n,
                                             @ForAll("variants") Options o, @ForAll boolean withColumn,
                                             @ForAll long seed) {
        DenseMatrix a = factorTarget(m, n, seed);
        double[] c = withColumn ? RandomData.vector(seed + 3, m) : null;
        double[] before = a.data().clone();
        DenseMatrix r = HouseholderQr.rFactor(a, c, o);
        assertArrayEquals(before, a.data(), "rFactor modified its input");
        DenseMatrix want = HouseholderQr.factor(augmented(a, c), o).r();
        assertArrayEquals(want.data(), r.data(), m + "x" + n + (withColumn ? " + c" : ""));
        assertEquals(want.rows(), r.rows());
        assertEquals(want.cols(), r.cols());
    }

    @Property(tries = 20)
    void rFactorStreamsTallSkinnyMatricesLeafByLeaf(@ForAll @IntRange(min = 1, max = 17) int n,
                                                    @ForAll @IntRange(min = 0, max = 700) int m0,
                                                    @ForAll @IntRange(min = 0, max = 30) int leafExtra,
                                                    @ForAll long seed) {
        int m = m0 + 2 * (n + 1);
        DenseMatrix a = factorTarget(m, n, seed);
        double[] c = RandomData.vector(seed + 3, m);
        Options o = options().withAlgorithm(Algorithm.TALL_SKINNY).withLeafRows(n + 1 + leafExtra)
                .withNonNegativeDiagonal(true);
        DenseMatrix r = HouseholderQr.rFactor(a, c, o);
        assertArrayEquals(HouseholderQr.factor(augmented(a, c), o).r().data(), r.data());
        // the last column is Qᵀc: its last entry is the least-squares residual norm ‖Ax − c‖
        double[] x = HouseholderQr.factor(a, options()).solveLeastSquares(c);
        double res = 0, cn = 0;
        for (int i = 0; i < m; i++) {
            double ri = c[i];
            for (int j = 0; j < n; j++) {
                ri -= a.get(i, j) * x[j];
            }
            res += ri * ri;
            cn += c[i] * c[i];
        }
        assertEquals(Math.sqrt(res), r.get(n, n), 100.0 * m * (n + 1) * U * Math.sqrt(cn));
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor three = ParallelExecutor.create(3)) {
            assertArrayEquals(HouseholderQr.rFactor(a, c, o.withKernels(o.kernels().withExecutor(one))).data(),
                    HouseholderQr.rFactor(a, c, o.withKernels(o.kernels().withExecutor(three))).data());
        }
    }

    @Example
    void rFactorNamesTheFirstNonFiniteEntry() {
        int m = 3000;
        int n = 5;
        DenseMatrix a = factorTarget(m, n, 7);
        double[] c = RandomData.vector(8, m);
        Options ts = options().withAlgorithm(Algorithm.TALL_SKINNY).withLeafRows(100);
        a.set(2345, 3, Double.POSITIVE_INFINITY);
        a.set(2999, 1, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HouseholderQr.rFactor(a, c, ts));
        assertTrue(e.getMessage().contains("(2345, 3)"), e.getMessage());
        DenseMatrix fine = factorTarget(m, n, 7);
        c[17] = Double.NaN;
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> HouseholderQr.rFactor(fine, c, ts));
        assertTrue(e2.getMessage().contains("c") && e2.getMessage().contains("17"), e2.getMessage());
        IllegalArgumentException e3 = assertThrows(IllegalArgumentException.class,
                () -> HouseholderQr.rFactor(fine, c, options().withAlgorithm(Algorithm.BLOCKED)));
        assertTrue(e3.getMessage().contains("17"), e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HouseholderQr.rFactor(fine, new double[m - 1], ts));
    }

    @Example
    void emptyMatrices() {
        for (int[] shape : new int[][] {{0, 0}, {0, 5}, {5, 0}}) {
            DenseMatrix a = DenseMatrix.zeros(shape[0], shape[1]);
            HouseholderQr qr = HouseholderQr.factor(a, options());
            assertEquals(0, qr.r().rows());
            assertEquals(shape[0], qr.thinQ().rows());
            assertEquals(0, qr.thinQ().cols());
            assertEquals(shape[0], qr.applyQt(new double[shape[0]]).length);
            assertEquals(1.0, qr.reciprocalConditionEstimate());
        }
        assertEquals(0, HouseholderQr.factor(DenseMatrix.zeros(4, 0), options()).solveLeastSquares(new double[4]).length);
    }

    @Example
    void badInputIsRejected() {
        DenseMatrix a = DenseMatrix.of(new double[][] {{1, 2}, {3, Double.NaN}, {5, 6}});
        assertThrows(IllegalArgumentException.class, () -> HouseholderQr.factor(a, options()));
        assertThrows(IllegalArgumentException.class, () -> HouseholderQr.factor(null, options()));
        HouseholderQr qr = HouseholderQr.factor(DenseMatrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}), options());
        assertThrows(IllegalArgumentException.class, () -> qr.solveLeastSquares(new double[2]));
        assertThrows(IllegalArgumentException.class, () -> qr.applyQt(DenseMatrix.zeros(2, 1)));
        assertThrows(IllegalArgumentException.class, () -> qr.applyQt(qr.rView()));
        HouseholderQr wide = HouseholderQr.factor(DenseMatrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}), options());
        assertThrows(IllegalStateException.class, () -> wide.solveLeastSquares(new double[2]));
        HouseholderQr singular = HouseholderQr.factor(DenseMatrix.of(new double[][] {{1, 0}, {0, 0}, {0, 0}}), options());
        assertThrows(SingularMatrixException.class, () -> singular.solveLeastSquares(new double[3]));
        assertEquals(0.0, singular.reciprocalConditionEstimate());
        assertThrows(IllegalArgumentException.class, () -> options().withBlockSize(0));
        assertThrows(IllegalArgumentException.class, () -> options().withLeafRows(-1));
    }
}
