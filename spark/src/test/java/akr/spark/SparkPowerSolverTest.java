package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.sketch.Sketch;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.RankDeficientException;
import akr.solvers.power.SketchKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distributed power solver on local[2] against the one-machine PowerSolver on the same route,
 * seed and sketch: solutions and residuals agree to 1e-12.
 */
class SparkPowerSolverTest {

    private static final int N = 36_000;
    private static final int D = 12;
    private static final DenseMatrix A = SparkTestSupport.matrix(N, D, 50, 21);
    /** gram-power's residual is evaluated with (AᵀA)ʲ: its own rounding is u·κ^{2j}, so a tamer A. */
    private static final DenseMatrix A_GRAM = SparkTestSupport.matrix(N, D, 3, 24);
    private static final double[] B = noisyRhs();
    private static RowBlocks aligned;
    private static RowBlocks unaligned;
    private static RowBlocks gram;

    private static double[] noisyRhs() {
        double[] x = SparkTestSupport.vector(D, 22);
        double[] e = SparkTestSupport.vector(N, 23);
        double[] b = new double[N];
        for (int i = 0; i < N; i++) {
            double s = 0;
            for (int j = 0; j < D; j++) {
                s += A.get(i, j) * x[j];
            }
            b[i] = s + 0.1 * e[i]; // a real residual: not a consistent system
        }
        return b;
    }

    @BeforeAll
    static void distribute() {
        int chunk = DistributedSketch.chunkRows(Sketch.Kind.SPARSE_SIGN, SketchKind.SPARSE_SIGN.defaultRows(N, D), N, D, 1);
        aligned = RowBlocks.fromLocal(SparkTestSupport.sc(), A, B, RowBlocks.evenBoundaries(N, 2, chunk), 2048);
        unaligned = RowBlocks.fromLocal(SparkTestSupport.sc(), A, B, new int[] {0, 5_003, 17_777, 30_001, N}, 1500);
        gram = RowBlocks.fromLocal(SparkTestSupport.sc(), A_GRAM, null, RowBlocks.evenBoundaries(N, 2, chunk), 4096);
    }

    @AfterAll
    static void release() {
        aligned.unpersist();
        unaligned.unpersist();
        gram.unpersist();
    }

    private static PowerOptions options(Method m) {
        return PowerOptions.builder().method(m).tolerance(1e-12).build();
    }

    private static void assertAgrees(PowerResult one, SparkPowerResult spark) {
        double dx = SparkTestSupport.relDiff(spark.x(), one.x());
        assertTrue(dx <= 1e-12, "x differs from one machine's by " + dx + " (relative)");
        double dr = Math.abs(spark.relativeResidual() - one.relativeResidual());
        assertTrue(dr <= 1e-12, "relative residual " + spark.relativeResidual() + " vs " + one.relativeResidual());
        assertEquals(one.converged(), spark.converged());
        assertEquals(one.method(), spark.method());
    }

    @ParameterizedTest(name = "lstsq-power j={0} {1}")
    @CsvSource({"0, CHOLQR", "1, CHOLQR", "2, CHOLQR", "0, NORMAL", "2, NORMAL"})
    void lstsqPowerMatchesOneMachine(int j, Method m) {
        PowerResult one = PowerSolver.lstsqPower(A, B, j, options(m));
        SparkPowerResult spark = SparkPowerSolver.lstsqPower(aligned, j, options(m));
        assertAgrees(one, spark);
        assertEquals(m == Method.CHOLQR, spark.sketchBitIdentical());
        if (j == 0) {
            assertTrue(spark.normalEquationResidual() <= 1e-12, spark.toString());
        }
    }

    @ParameterizedTest(name = "gram-power j={0} {1}")
    @CsvSource({"1, CHOLQR", "3, CHOLQR", "2, NORMAL"})
    void gramPowerMatchesOneMachine(int j, Method m) {
        double[] c = SparkTestSupport.vector(D, 31);
        PowerResult one = PowerSolver.gramPower(A_GRAM, c, j, options(m));
        SparkPowerResult spark = SparkPowerSolver.gramPower(gram, c, j, options(m));
        assertAgrees(one, spark);
        assertTrue(Double.isNaN(spark.normalEquationResidual()));
    }

    /**
     * The normal route refines each stage to QR-of-A accuracy on one machine; Spark must too, or at
     * κ(A) = 10⁴ the two solutions would differ by about κ(A)²u = 10⁻⁸ (the residuals themselves are
     * only u·κ(A)² accurate here, so only x is compared).
     */
    @Test
    void gramPowerNormalRouteIsRefinedLikeOneMachine() {
        // rotated, not column-scaled: Cholesky is insensitive to column scaling
        DenseMatrix ill = akr.solvers.demo.SyntheticProblem.withCondition(N, D, 1e4, 25).a();
        RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), ill, null, RowBlocks.evenBoundaries(N, 2, 4096), 4096);
        try {
            double[] c = SparkTestSupport.vector(D, 32);
            PowerResult one = PowerSolver.gramPower(ill, c, 1, options(Method.NORMAL));
            SparkPowerResult spark = SparkPowerSolver.gramPower(blocks, c, 1, options(Method.NORMAL));
            double dx = SparkTestSupport.relDiff(spark.x(), one.x());
            assertTrue(dx <= 1e-12, "x differs from one machine's by " + dx + " (relative)");
        } finally {
            blocks.unpersist();
        }
    }

    @Test
    void anyPartitioningGivesTheSameSolutionTo1e12() {
        PowerResult one = PowerSolver.lstsqPower(A, B, 1, options(Method.CHOLQR));
        SparkPowerResult spark = SparkPowerSolver.lstsqPower(unaligned, 1, options(Method.CHOLQR));
        assertTrue(spark.sketchBitIdentical(), "split sketch chunks are continued, not re-summed");
        assertAgrees(one, spark);
    }

    @Test
    void autoRunsNormalLikeOneMachineAndOtherMethodsAreNotDistributed() {
        assertEquals(Method.NORMAL, SparkPowerSolver.resolve(Method.AUTO));
        PowerResult one = PowerSolver.lstsqPower(A, B, 0, options(Method.AUTO));
        SparkPowerResult spark = SparkPowerSolver.lstsqPower(aligned, 0, options(Method.AUTO));
        assertAgrees(one, spark);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> SparkPowerSolver.lstsqPower(aligned, 0, options(Method.LSQR)));
        assertTrue(e.getMessage().contains("lsqr"), e.getMessage());
    }

    @Test
    void autoFallsBackToCholQrWhenTheNormalEquationsAreDeclined() {
        // κ(A) = 10⁸: κ(AᵀA) = 10¹⁶ is beyond 1/(100u), so the normal equations are declined
        DenseMatrix hard = SparkTestSupport.matrix(20_000, 8, 1e8, 25);
        double[] b = SparkTestSupport.vector(20_000, 26);
        RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), hard, b, 2);
        assertThrows(RankDeficientException.class, () -> SparkPowerSolver.lstsqPower(blocks, 0, options(Method.NORMAL)));
        SparkPowerResult r = SparkPowerSolver.lstsqPower(blocks, 0, PowerOptions.builder().method(Method.AUTO).build());
        assertEquals(Method.CHOLQR, r.method());
        assertTrue(r.converged() && r.normalEquationResidual() <= PowerOptions.DEFAULT_TOLERANCE, r.toString());
        blocks.unpersist();
    }

    @Test
    void badInputIsNamed() {
        RowBlocks noB = RowBlocks.fromLocal(SparkTestSupport.sc(), A.rows(0, 100).copy(), null, 2);
        assertThrows(IllegalArgumentException.class, () -> SparkPowerSolver.lstsqPower(noB, 0, options(Method.AUTO)));
        assertThrows(IllegalArgumentException.class, () -> SparkPowerSolver.gramPower(noB, new double[D + 1], 1, options(Method.AUTO)));
        assertThrows(IllegalArgumentException.class, () -> SparkPowerSolver.gramPower(noB, new double[D], 0, options(Method.AUTO)));
        noB.unpersist();

        DenseMatrix bad = A.rows(0, 100).copy();
        bad.set(57, 3, Double.NaN);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> RowBlocks.fromLocal(SparkTestSupport.sc(), bad, null, 3));
        assertTrue(nan.getMessage().contains("A[57, 3]"), nan.getMessage());

        double[] badB = new double[100];
        badB[99] = Double.POSITIVE_INFINITY;
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> RowBlocks.fromLocal(SparkTestSupport.sc(), A.rows(0, 100).copy(), badB, 3));
        assertTrue(inf.getMessage().contains("b[99]"), inf.getMessage());

        IllegalArgumentException gap = assertThrows(IllegalArgumentException.class, () -> RowBlocks.of(
                SparkTestSupport.sc().parallelize(java.util.List.of(new RowBlock(0, 2, 1, new double[2], null),
                        new RowBlock(3, 2, 1, new double[2], null)))));
        assertTrue(gap.getMessage().contains("[2, 3)"), gap.getMessage());
    }

    @Test
    void rankDeficientAIsReported() {
        DenseMatrix dup = A.rows(0, 5_000).copy();
        for (int i = 0; i < dup.rows(); i++) {
            dup.set(i, 5, dup.get(i, 2)); // two equal columns
        }
        RowBlocks ok = RowBlocks.fromLocal(SparkTestSupport.sc(), dup, java.util.Arrays.copyOf(B, 5_000), 2);
        assertThrows(RankDeficientException.class, () -> SparkPowerSolver.lstsqPower(ok, 0, options(Method.NORMAL)));
        assertThrows(RankDeficientException.class, () -> SparkPowerSolver.lstsqPower(ok, 0, options(Method.CHOLQR)));
        ok.unpersist();
    }
}
