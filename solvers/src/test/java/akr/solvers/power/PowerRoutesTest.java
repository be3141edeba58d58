package akr.solvers.power;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.solvers.demo.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factory's routes, and solves on different kernel contexts. */
class PowerRoutesTest {

    private static final int N = 1500;
    private static final int D = 12;
    private static final SyntheticProblem P = SyntheticProblem.withCondition(N, D, 100, 8);
    private static final double[] X_STAR = SyntheticProblem.gaussian(D, 4, 4);

    @ParameterizedTest
    @EnumSource(Method.class)
    void factoryReturnsTheRouteOfEachMethod(Method m) {
        PowerRoute r = PowerRoutes.of(m);
        assertEquals(m, r.method());
        assertSame(r, PowerRoutes.of(m), "routes are stateless and shared");
    }

    @Test
    void namedFactoriesMatchOf() {
        assertSame(PowerRoutes.auto(), PowerRoutes.of(Method.AUTO));
        assertSame(PowerRoutes.normal(), PowerRoutes.of(Method.NORMAL));
        assertSame(PowerRoutes.cholQr(), PowerRoutes.of(Method.CHOLQR));
        assertSame(PowerRoutes.lsqr(), PowerRoutes.of(Method.LSQR));
        assertSame(PowerRoutes.pcg(), PowerRoutes.of(Method.PCG));
        assertSame(PowerRoutes.gradientDescent(), PowerRoutes.of(Method.GD));
        assertSame(PowerRoutes.direct(), PowerRoutes.of(Method.DIRECT));
        assertThrows(IllegalArgumentException.class, () -> PowerRoutes.of(null));
    }

    /**
     * The normal route's stages are exact (two triangular solves and compensated refinements), so
     * lstsq-power j = 1 passes over A only for AᵀA, the least-squares corrections, the stage's
     * refinements and the three passes of the recomputed residuals; no pass sets a tolerance scale.
     */
    @Test
    void exactStagesMakeNoPassForAToleranceScale() {
        RowSource a = RowSource.of(P.a());
        int[] passes = {0};
        RowSource counted = new RowSource() {
            @Override
            public int rows() {
                return a.rows();
            }

            @Override
            public int cols() {
                return a.cols();
            }

            @Override
            public void forEachBlock(BlockVisitor visitor) {
                passes[0]++;
                a.forEachBlock(visitor);
            }

            @Override
            public DenseMatrix matrix() {
                return a.matrix();
            }

            @Override
            public boolean inMemory() {
                return false; // every product goes through forEachBlock
            }
        };
        PowerResult r = PowerSolver.lstsqPower(counted, lstsqRhs(), 1,
                PowerOptions.builder().method(Method.NORMAL).build());
        assertTrue(r.converged());
        int[] it = r.iterations();
        assertEquals(1 + it[0] + it[1] + 3, passes[0], "passes over A, iterations " + java.util.Arrays.toString(it));
    }

    /** A route is its method whatever options.method() says; PowerSolver reads options.method(). */
    @ParameterizedTest
    @EnumSource(Method.class)
    void routeSolvesLikeTheEntryPoint(Method m) {
        PowerProblem problem = PowerProblem.lstsqPower(P.a(), lstsqRhs(), 1);
        PowerOptions o = PowerOptions.builder().method(m).build();
        PowerResult viaRoute = PowerRoutes.of(m).solve(problem, o.toBuilder().method(Method.DIRECT).build());
        PowerResult viaSolver = PowerSolver.lstsqPower(P.a(), lstsqRhs(), 1, o);
        assertArrayEquals(viaSolver.x(), viaRoute.x());
        assertEquals(viaSolver.method(), viaRoute.method());
        assertTrue(viaRoute.method() != Method.AUTO);
    }

    /** Same context, different thread counts: bit-identical, for every route and both problems. */
    @ParameterizedTest
    @EnumSource(Method.class)
    void threadCountDoesNotChangeTheBits(Method m) {
        try (Kernels one = Kernels.defaults().withThreads(1); Kernels two = Kernels.defaults().withThreads(2);
             Kernels three = Kernels.defaults().withThreads(3)) {
            double[][] lstsq = new double[3][];
            double[][] gram = new double[3][];
            Kernels[] contexts = {one, two, three};
            for (int i = 0; i < 3; i++) {
                PowerOptions o = PowerOptions.builder().method(m).kernels(contexts[i]).build();
                lstsq[i] = PowerSolver.lstsqPower(P.a(), lstsqRhs(), 2, o).x();
                gram[i] = PowerSolver.gramPower(P.a(), P.gramPowerTimes(2, X_STAR), 2, o).x();
            }
            for (int i = 1; i < 3; i++) {
                assertArrayEquals(lstsq[0], lstsq[i], m + " lstsq-power, " + contexts[i]);
                assertArrayEquals(gram[0], gram[i], m + " gram-power, " + contexts[i]);
            }
            PowerOptions shared = PowerOptions.builder().method(m).build();
            assertArrayEquals(lstsq[0], PowerSolver.lstsqPower(P.a(), lstsqRhs(), 2, shared).x(), "default context");
        }
    }

    /** The scalar tier on a caller's executor agrees with the default context to rounding. */
    @ParameterizedTest
    @EnumSource(Method.class)
    void scalarContextAgreesWithTheDefaultToRounding(Method m) {
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            Kernels scalar = Kernels.of(Tier.SCALAR, ex);
            PowerOptions dflt = PowerOptions.builder().method(m).build();
            PowerOptions onScalar = dflt.toBuilder().kernels(scalar).build();
            double[] b = lstsqRhs();
            PowerResult r1 = PowerSolver.lstsqPower(P.a(), b, 1, dflt);
            PowerResult r2 = PowerSolver.lstsqPower(P.a(), b, 1, onScalar);
            assertEquals(r1.method(), r2.method());
            // κ(A)³ = 10⁶ amplifies rounding differences; tolerance 1e-10 bounds the solves' own error
            double diff = SyntheticProblem.forwardError(r2.x(), r1.x());
            assertTrue(diff <= 1e-6, m + ": scalar and default differ by " + diff);
            assertTrue(r2.converged(), r2::toString);
            double[] c = P.gramPowerTimes(2, X_STAR);
            double gd = SyntheticProblem.forwardError(PowerSolver.gramPower(P.a(), c, 2, onScalar).x(),
                    PowerSolver.gramPower(P.a(), c, 2, dflt).x());
            assertTrue(gd <= 1e-6, m + ": gram-power scalar and default differ by " + gd);
        }
    }

    @Test
    void problemAndOptionsAreChecked() {
        PowerProblem p = PowerProblem.gramPower(P.a(), new double[D], 1);
        assertEquals(N, p.rows());
        assertEquals(D, p.cols());
        for (Method m : Method.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PowerRoutes.of(m).solve(p, null));
            assertTrue(e.getMessage().contains("options: null"), e.getMessage());
            IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                    () -> PowerRoutes.of(m).solve(p, PowerOptions.builder().sketchRows(N + 1).build()));
            assertTrue(rows.getMessage().contains("sketch rows"), rows.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> PowerProblem.lstsqPower(P.a(), new double[D], 0));
    }

    private static double[] lstsqRhs() {
        return P.lstsqRhs(1, X_STAR, 1e-3, 6);
    }
}
