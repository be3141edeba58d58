package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.solvers.demo.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The power solvers against problems with known solutions (A = UΣVᵀ with prescribed singular
 * values), for every method, sketch, power and conditioning. Where κ^e·u (e = 2j for gram-power,
 * 2j+1 for lstsq-power) leaves room below the tolerance, the solve must converge and its forward
 * error be within what the residual bound allows; everywhere, the converged flag must agree with
 * the recomputed residuals.
 */
class PowerSolverTest {

    private static final double U = 0x1.0p-53;
    private static final double TOL = 1e-10;
    private static final int N = 1500;
    private static final int D = 12;
    private static final double[] KAPPAS = {10, 1e4, 1e8};
    private static final java.util.Map<Double, SyntheticProblem> PROBLEMS = new java.util.concurrent.ConcurrentHashMap<>();

    static SyntheticProblem problem(double kappa) {
        return PROBLEMS.computeIfAbsent(kappa, k -> SyntheticProblem.withCondition(N, D, k, 42));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Method m : new Method[] {Method.GD, Method.LSQR, Method.CHOLQR, Method.NORMAL, Method.DIRECT, Method.AUTO}) {
            boolean sketched = m != Method.DIRECT && m != Method.NORMAL;
            SketchKind[] sketches = sketched ? SketchKind.values() : new SketchKind[] {SketchKind.SPARSE_SIGN};
            for (SketchKind s : sketches) {
                for (double kappa : KAPPAS) {
                    for (int j = 0; j <= 3; j++) {
                        out.add(Arguments.of(m, s, kappa, j));
                    }
                }
            }
        }
        return out.stream();
    }

    private static PowerOptions options(Method m, SketchKind s) {
        return PowerOptions.builder().method(m).sketch(s).tolerance(TOL).maxIterations(300).build();
    }

    @ParameterizedTest(name = "lstsq-power {0} {1} kappa={2} j={3}")
    @MethodSource("cases")
    void lstsqPowerKnownSolution(Method m, SketchKind s, double kappa, int j) {
        SyntheticProblem p = problem(kappa);
        double[] xStar = SyntheticProblem.gaussian(D, 5, j);
        if (normalEquationsRefuse(m, kappa, p, p.lstsqRhs(j, xStar, 0, 3), true, j)) {
            return;
        }
        for (double rho : new double[] {0, 1e-3}) {
            double[] b = p.lstsqRhs(j, xStar, rho, 3);
            PowerResult r = PowerSolver.lstsqPower(p.a(), b, j, options(m, s));
            assertHonest(r, true, TOL);
            double amplification = Math.pow(kappa, 2 * j + 1);
            boolean achievable = amplification * U * 1e3 <= TOL;
            double fe = SyntheticProblem.forwardError(r.x(), xStar);
            if (achievable) {
                assertTrue(r.converged(), () -> "should converge: " + describe(r));
                // LS forward error: κ·(ne) + κ²·(ne)·‖r‖/(‖A‖‖x‖); both factors folded into κ^{2j+1}·κ
                double bound = 10 * amplification * kappa * (TOL + 1e3 * U);
                assertTrue(fe <= bound, () -> "forward error " + fe + " > " + bound + ": " + describe(r));
            }
            if (m == Method.AUTO) {
                assertAutoChoice(kappa, true, r);
            } else {
                assertEquals(m, r.method());
            }
            assertEquals(j + 1, r.iterations().length);
        }
    }

    @ParameterizedTest(name = "gram-power {0} {1} kappa={2} j={3}")
    @MethodSource("cases")
    void gramPowerKnownSolution(Method m, SketchKind s, double kappa, int j) {
        if (j == 0) {
            return;
        }
        SyntheticProblem p = problem(kappa);
        double[] xStar = SyntheticProblem.gaussian(D, 9, j);
        double[] b = p.gramPowerTimes(j, xStar);
        if (normalEquationsRefuse(m, kappa, p, b, false, j)) {
            return;
        }
        PowerResult r = PowerSolver.gramPower(p.a(), b, j, options(m, s));
        assertHonest(r, false, TOL);
        if (m == Method.AUTO) {
            assertAutoChoice(kappa, false, r);
        }
        double amplification = Math.pow(kappa, 2 * j);
        if (amplification * U * 1e3 <= TOL) {
            assertTrue(r.converged(), () -> "should converge: " + describe(r));
            double fe = SyntheticProblem.forwardError(r.x(), xStar);
            double bound = 10 * amplification * (TOL + 1e3 * U);
            assertTrue(fe <= bound, () -> "forward error " + fe + " > " + bound + ": " + describe(r));
        }
        // the reported residual is the true one, recomputed independently from the factors
        double[] mx = p.gramPowerTimes(j, r.x());
        double e = 0;
        double bn = 0;
        for (int i = 0; i < D; i++) {
            e += (mx[i] - b[i]) * (mx[i] - b[i]);
            bn += b[i] * b[i];
        }
        double trueRel = Math.sqrt(e / bn);
        assertEquals(trueRel, r.relativeResidual(), 1e-6 + 1e3 * U * amplification,
                "reported residual must be the recomputed one");
    }

    /**
     * AUTO keeps the normal equations when κ(A)² is clearly below its limit for the problem and
     * falls back when it is clearly above (the estimate of κ decides near the limit).
     */
    private static void assertAutoChoice(double kappa, boolean lstsq, PowerResult r) {
        double limit = RankDeficientException.THRESHOLD;
        if (kappa * kappa <= limit / 10) {
            assertEquals(Method.NORMAL, r.method());
        } else if (kappa * kappa >= limit * 10) {
            assertEquals(PowerSolver.fallback(lstsq, N, D), r.method());
        }
    }

    /**
     * The normal equations refuse (with the condition in the message) when κ(AᵀA) = κ² exceeds
     * 1/(100u); returns whether this case is one of those.
     */
    private static boolean normalEquationsRefuse(Method m, double kappa, SyntheticProblem p, double[] b, boolean lstsq,
                                                 int j) {
        if (m != Method.NORMAL || kappa * kappa <= RankDeficientException.THRESHOLD / 10) {
            return false;
        }
        PowerOptions o = options(m, SketchKind.SPARSE_SIGN);
        RankDeficientException e = assertThrows(RankDeficientException.class,
                () -> { if (lstsq) { PowerSolver.lstsqPower(p.a(), b, j, o); } else { PowerSolver.gramPower(p.a(), b, j, o); } });
        assertTrue(e.condition() > RankDeficientException.THRESHOLD, e.getMessage());
        return true;
    }

    /** The converged flag is exactly the tolerance test on the recomputed residuals; phases are timed. */
    private static void assertHonest(PowerResult r, boolean lstsq, double tol) {
        boolean meets = r.relativeResidual() <= tol || (lstsq && r.normalEquationResidual() <= tol);
        assertEquals(meets, r.converged(), () -> "converged flag disagrees with residuals: " + describe(r));
        assertTrue(r.timings().totalSeconds() >= r.timings().iterateSeconds() && r.timings().iterateSeconds() >= 0);
        assertTrue(r.timings().sketchSeconds() >= 0 && r.timings().factorSeconds() >= 0);
        assertFalse(Double.isNaN(r.relativeResidual()));
        assertTrue(r.conditionA() >= 1, "condition estimate " + r.conditionA());
        if (!lstsq) {
            assertTrue(Double.isNaN(r.normalEquationResidual()));
        }
    }

    private static String describe(PowerResult r) {
        return r.method() + " it=" + java.util.Arrays.toString(r.iterations()) + " rel=" + r.relativeResidual()
                + " ne=" + r.normalEquationResidual() + " kA=" + r.conditionA() + " kPre=" + r.conditionPreconditioned();
    }

    @ParameterizedTest
    @CsvSource({"AUTO, 1e-6, 11", "AUTO, 0, 12", "CHOLQR, 1e-6, 11", "CHOLQR, 1e-2, 13", "CHOLQR, 0, 12",
            "CHOLQR, 1e-6, 14", "LSQR, 1e-6, 11"})
    void withinTenTimesHouseholderOnIllConditionedLeastSquares(Method m, double rho, long seed) {
        SyntheticProblem p = SyntheticProblem.withCondition(4000, 20, 1e10, seed);
        double[] xStar = SyntheticProblem.gaussian(20, 1, 1);
        double[] b = p.lstsqRhs(0, xStar, rho, 5);
        PowerResult r = PowerSolver.lstsqPower(p.a(), b, 0, PowerOptions.builder().method(m).build());
        PowerResult direct = PowerSolver.lstsqPower(p.a(), b, 0, PowerOptions.builder().method(Method.DIRECT).build());
        double fe = SyntheticProblem.forwardError(r.x(), xStar);
        double feDirect = SyntheticProblem.forwardError(direct.x(), xStar);
        assertTrue(fe <= 10 * feDirect + 1e3 * U, m + " " + fe + " vs Householder " + feDirect + ": " + describe(r));
    }

    /**
     * AUTO keeps the corrected normal equations for least squares up to κ(A)² = 1/(100u)
     * (κ ≈ 9.5·10⁶); up to there they must be as accurate as Householder QR, also with a large
     * residual.
     */
    @ParameterizedTest
    @CsvSource({"1e2, 0", "1e2, 0.5", "1e5, 0", "1e5, 1e-3", "1e5, 0.5", "2e6, 0", "2e6, 1e-3", "2e6, 0.5",
            "8e6, 0", "8e6, 1e-3", "8e6, 0.5"})
    void autoNormalEquationsWithinTenTimesHouseholder(double kappa, double rho) {
        SyntheticProblem p = SyntheticProblem.withCondition(4000, 20, kappa, 21);
        double[] xStar = SyntheticProblem.gaussian(20, 1, 1);
        double[] b = p.lstsqRhs(0, xStar, rho, 5);
        PowerResult r = PowerSolver.lstsqPower(p.a(), b, 0, PowerOptions.defaults());
        assertEquals(Method.NORMAL, r.method(), () -> describe(r));
        assertTrue(r.iterations()[0] >= 1, "the semi-normal solution is corrected at least once");
        PowerResult direct = PowerSolver.lstsqPower(p.a(), b, 0, PowerOptions.builder().method(Method.DIRECT).build());
        double fe = SyntheticProblem.forwardError(r.x(), xStar);
        double feDirect = SyntheticProblem.forwardError(direct.x(), xStar);
        assertTrue(fe <= 10 * feDirect + 1e3 * U, fe + " vs Householder " + feDirect + ": " + describe(r));
        assertHonest(r, true, PowerOptions.defaults().tolerance());
    }

    /**
     * gram-power from A: a solve through the R of a QR of A is κ(A)u accurate, the Cholesky factor of
     * the rounded AᵀA only κ(A)²u. AUTO (normal equations, each stage refined) must be within 10× of
     * Householder QR's forward error, for a right-hand side whose solution is not dominated by its
     * own rounding (b Gaussian, x = V·Σ^{−2j}·Vᵀb from the exact factors).
     */
    @ParameterizedTest
    @CsvSource({"1e2, 1", "1e2, 2", "1e2, 3", "1e4, 1", "1e4, 3", "1e6, 1", "1e6, 2", "3e6, 3"})
    void autoGramPowerWithinTenTimesHouseholder(double kappa, int j) {
        SyntheticProblem p = SyntheticProblem.withCondition(20000, 32, kappa, 21);
        double[] b = SyntheticProblem.gaussian(32, 1, j);
        double[] xStar = p.gramPowerSolve(j, b);
        PowerResult r = PowerSolver.gramPower(p.a(), b, j, PowerOptions.defaults());
        PowerResult direct = PowerSolver.gramPower(p.a(), b, j, PowerOptions.builder().method(Method.DIRECT).build());
        assertEquals(Method.NORMAL, r.method(), () -> describe(r));
        double fe = SyntheticProblem.forwardError(r.x(), xStar);
        double feDirect = SyntheticProblem.forwardError(direct.x(), xStar);
        assertTrue(fe <= 10 * feDirect, fe + " vs Householder " + feDirect + ": " + describe(r));
        for (int k = 1; k <= j; k++) {
            assertTrue(r.iterations()[k] >= 1, "stage " + k + " is refined at least once: " + describe(r));
        }
        assertHonest(r, false, PowerOptions.defaults().tolerance());
    }

    @Test
    void autoUsesNormalEquationsForGramPowerAndFallsBackWhenCholeskyBreaksDown() {
        SyntheticProblem p = problem(10);
        double[] b = p.gramPowerTimes(1, SyntheticProblem.gaussian(D, 1, 1));
        assertEquals(Method.NORMAL, PowerSolver.gramPower(p.a(), b, 1, PowerOptions.defaults()).method());
        SyntheticProblem bad = SyntheticProblem.withCondition(N, D, 1e11, 5); // κ(AᵀA) = 1e22
        double[] c = bad.gramPowerTimes(1, SyntheticProblem.gaussian(D, 1, 1));
        PowerResult r = PowerSolver.gramPower(bad.a(), c, 1, PowerOptions.defaults());
        assertEquals(Method.CHOLQR, r.method());
        assertFalse(Double.isNaN(r.relativeResidual()));
        assertTrue(r.timings().totalSeconds() >= r.timings().factorSeconds() + r.timings().iterateSeconds(), "the declined attempt is timed");
    }

    @Test
    void iterationLimitIsReportedNotThrown() {
        SyntheticProblem p = problem(1e4);
        double[] b = p.lstsqRhs(0, SyntheticProblem.gaussian(D, 1, 2), 0.1, 1);
        PowerResult r = PowerSolver.lstsqPower(p.a(), b, 0,
                PowerOptions.builder().method(Method.GD).tolerance(1e-14).maxIterations(1).build());
        assertFalse(r.converged());
        assertEquals(1, r.iterations()[0]);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        SyntheticProblem p = problem(1e4);
        double[] b = p.lstsqRhs(1, SyntheticProblem.gaussian(D, 3, 3), 1e-2, 1);
        try (Kernels one = Kernels.defaults().withThreads(1); Kernels two = Kernels.defaults().withThreads(2)) {
            for (SketchKind s : SketchKind.values()) {
                PowerOptions o = PowerOptions.builder().sketch(s).build();
                double[] x1 = PowerSolver.lstsqPower(p.a(), b, 1, o.toBuilder().kernels(one).build()).x();
                double[] x2 = PowerSolver.lstsqPower(p.a(), b, 1, o.toBuilder().kernels(two).build()).x();
                assertArrayEquals(x1, x2, s.key());
            }
        }
    }

    @Test
    void badInputIsAClearError() {
        SyntheticProblem p = problem(10);
        DenseMatrix a = p.a();
        double[] b = new double[N];
        PowerOptions o = PowerOptions.defaults();
        assertMessage(() -> PowerSolver.lstsqPower(a, new double[N - 1], 0, o), "length");
        assertMessage(() -> PowerSolver.gramPower(a, new double[D], 0, o), "out of range");
        assertMessage(() -> PowerSolver.lstsqPower(a, b, -1, o), "out of range");
        assertMessage(() -> PowerSolver.lstsqPower(a.rows(0, D - 1), new double[D - 1], 0, o), "n < d");
        DenseMatrix bad = a.copy();
        bad.set(17, 3, Double.NaN);
        assertMessage(() -> PowerSolver.lstsqPower(bad, b, 0, o), "A: entry (17, 3)");
        bad.set(17, 3, a.get(17, 3));
        bad.set(N - 1, D - 1, Double.NEGATIVE_INFINITY);
        double[] c = new double[D];
        // A is not scanned up front: every method's first pass over A must expose the entry
        for (Method m : Method.values()) {
            for (SketchKind s : m.usesSketch() ? SketchKind.values() : new SketchKind[] {SketchKind.SPARSE_SIGN}) {
                PowerOptions om = o.toBuilder().method(m).sketch(s).build();
                assertMessage(() -> PowerSolver.lstsqPower(bad, b, 0, om), "A: entry (" + (N - 1) + ", " + (D - 1) + ")");
                assertMessage(() -> PowerSolver.gramPower(bad, c, 2, om), "A: entry (" + (N - 1) + ", " + (D - 1) + ")");
            }
        }
        double[] badB = b.clone();
        badB[5] = Double.POSITIVE_INFINITY;
        assertMessage(() -> PowerSolver.lstsqPower(a, badB, 0, o), "b: entry 5 ");
        assertMessage(() -> PowerSolver.lstsqPower(a, b, 0, o.toBuilder().sketchRows(D - 1).build()), "sketch rows");
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().tolerance(0));
        assertThrows(IllegalArgumentException.class, () -> o.toBuilder().tolerance(Double.NaN));
    }

    @Test
    void overflowingGramIsAnErrorForNormalAndDeclinedByAuto() {
        SyntheticProblem p = problem(10);
        DenseMatrix huge = p.a().copy();
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < D; k++) {
                huge.set(i, k, huge.get(i, k) * 1e160); // finite, but the sums of squares overflow
            }
        }
        double[] xStar = SyntheticProblem.gaussian(D, 1, 1);
        double[] b = new double[N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < D; k++) {
                b[i] += huge.get(i, k) * xStar[k];
            }
        }
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> PowerSolver.lstsqPower(huge, b, 0, PowerOptions.builder().method(Method.NORMAL).build()));
        assertTrue(e.getMessage().contains("overflows"), e.getMessage());
        PowerResult r = PowerSolver.lstsqPower(huge, b, 0, PowerOptions.defaults());
        assertEquals(PowerSolver.fallback(true, N, D), r.method());
        assertTrue(SyntheticProblem.forwardError(r.x(), xStar) <= 1e-10, () -> describe(r));
    }

    @Test
    void rankDeficientMatrixIsDetectedWithItsCondition() {
        SyntheticProblem p = problem(10);
        DenseMatrix a = p.a().copy();
        for (int r = 0; r < N; r++) {
            a.set(r, D - 1, 2 * a.get(r, 0) - a.get(r, 1)); // exact linear dependence
        }
        double[] b = SyntheticProblem.gaussian(N, 1, 1);
        for (Method m : new Method[] {Method.LSQR, Method.DIRECT, Method.NORMAL}) {
            RankDeficientException e = assertThrows(RankDeficientException.class,
                    () -> PowerSolver.lstsqPower(a, b, 0, PowerOptions.builder().method(m).build()));
            assertTrue(e.condition() > RankDeficientException.THRESHOLD, e.getMessage());
            assertTrue(e.getMessage().contains("rank deficient"), e.getMessage());
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable ex, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ex);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
