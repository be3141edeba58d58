package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Kernels;
import akr.kernels.parallel.ParallelExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The solver's parts: the factory's route and preconditioner for each option, the kernel context
 * (any context of the default tier gives the same bits), and the immutable result.
 */
class AttentionRoutesTest {

    private static final Map<Preconditioner, Class<? extends AttentionPreconditioner>> STRATEGY = Map.of(
            Preconditioner.AUTO, AutoPreconditioner.class,
            Preconditioner.RPCHOLESKY, RpCholeskyPreconditioner.class,
            Preconditioner.SKETCH, SketchPreconditioner.class,
            Preconditioner.JACOBI, JacobiPreconditioner.class,
            Preconditioner.NONE, NoPreconditioner.class);

    @ParameterizedTest
    @EnumSource(Preconditioner.class)
    void theFactoryReturnsTheRouteAndStrategyOfEachOption(Preconditioner p) {
        ScaledSystem s = new ScaledSystem(AttentionProblems.points(50, 4, true, 1), new double[50], 0,
                Kernels.defaults());
        for (Route r : new Route[] {Route.MATERIALISED, Route.MATRIX_FREE}) {
            AttentionRoute route = AttentionRoutes.route(s, AttentionOptions.builder().route(r).preconditioner(p).build());
            assertEquals(r, route.route());
            PcgRoute pcg = assertInstanceOf(PcgRoute.class, route);
            assertInstanceOf(STRATEGY.get(p), pcg.preconditioner());
            assertEquals(p, pcg.preconditioner().kind());
        }
        assertInstanceOf(DenseRoute.class, AttentionRoutes.route(s, AttentionOptions.builder().route(Route.DENSE)
                .preconditioner(p).build()));
    }

    /**
     * AUTO by the budget: dense for small n when the n×n matrix fits, the stored triangle beyond the
     * dense crossover, the fused operator when neither fits; NONE always matrix-free.
     */
    @Test
    void autoTakesTheFastestRouteThatFitsTheBudget() {
        AttentionOptions roomy = AttentionOptions.builder().memoryLimitBytes(64L << 30).build();
        assertEquals(Route.DENSE, AttentionRoutes.choose(500, 64, 1, roomy));
        assertEquals(Route.MATERIALISED, AttentionRoutes.choose(16384, 64, 1, roomy));
        assertEquals(Route.MATRIX_FREE, AttentionRoutes.choose(70000, 64, 1, roomy)); // beyond one packed array
        assertEquals(Route.MATRIX_FREE, AttentionRoutes.choose(500, 64, 1,
                roomy.toBuilder().preconditioner(Preconditioner.NONE).build()));
        for (int n : new int[] {100, 1000, 5000, 20000, 60000}) {
            for (long budget : new long[] {1L << 20, 1L << 26, 1L << 30, 1L << 33}) {
                AttentionOptions o = AttentionOptions.builder().memoryLimitBytes(budget).build();
                Route r = AttentionRoutes.choose(n, 64, 1, o);
                long held = switch (r) {
                    case DENSE -> MemoryBudget.denseBytes(n);
                    case MATERIALISED -> MemoryBudget.materialisedBytes(n);
                    default -> 0;
                };
                assertTrue(held + MemoryBudget.vectorBytes(n, 1) <= budget || r == Route.MATRIX_FREE,
                        n + " " + budget + " " + r);
                assertEquals(r, AttentionSolver.chooseRoute(n, 64, 1, o));
            }
        }
        // the crossover is monotone: once the stored triangle wins it keeps winning while it fits
        Route last = Route.DENSE;
        for (int n = 256; n <= 30000; n += 256) {
            Route r = AttentionRoutes.choose(n, 64, 1, roomy);
            assertTrue(r.ordinal() >= last.ordinal(), "n = " + n + ": " + r + " after " + last);
            last = r;
        }
    }

    /**
     * The default context and an explicit one (default tier, a private one-thread pool) give the
     * same x, residual and iteration count, bit for bit, on every route; the solve leaves the
     * caller's context open.
     */
    @Test
    void anExplicitOneThreadContextGivesTheBitsOfTheDefaultOne() {
        DenseMatrix a = AttentionProblems.points(300, 12, false, 31);
        double[] b = AttentionProblems.gaussian(300, 5);
        try (ParallelExecutor one = ParallelExecutor.create(1)) {
            Kernels explicit = Kernels.of(KernelProvider.defaultTier(), one);
            for (Preconditioner p : Preconditioner.values()) {
                AttentionOptions o = AttentionOptions.builder().ridge(1e-2).route(Route.MATERIALISED)
                        .preconditioner(p == Preconditioner.NONE ? Preconditioner.JACOBI : p).rank(60).maxIterations(80)
                        .build();
                AttentionResult dflt = AttentionSolver.solve(a, b, o);
                AttentionResult mine = AttentionSolver.solve(a, b, o.toBuilder().kernels(explicit).build());
                assertArrayEquals(dflt.x(), mine.x(), p.key());
                assertEquals(dflt.relativeResidual(), mine.relativeResidual(), 0.0, p.key());
                assertEquals(dflt.iterations(), mine.iterations(), p.key());
                assertEquals(dflt.preconditioner(), mine.preconditioner(), p.key());
            }
            double[] x = AttentionProblems.gaussian(300, 6);
            DenseMatrix q = AttentionProblems.points(9, 12, false, 32);
            assertArrayEquals(AttentionSolver.predict(a, x, q), AttentionSolver.predict(a, x, q, explicit));
        }
        try (Kernels own = Kernels.defaults().withThreads(2)) {
            AttentionOptions o = AttentionOptions.builder().ridge(1e-2).preconditioner(Preconditioner.JACOBI)
                    .maxIterations(3).kernels(own).build();
            AttentionResult first = AttentionSolver.solve(a, b, o);
            AttentionResult second = AttentionSolver.solve(a, b, o); // the first solve did not close the pool
            assertArrayEquals(first.x(), second.x());
        }
    }

    @Test
    void theResultHandsOutCopies() {
        DenseMatrix a = AttentionProblems.points(120, 6, true, 33);
        double[] b = AttentionProblems.gaussian(120, 7);
        AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder().route(Route.MATERIALISED)
                .preconditioner(Preconditioner.JACOBI).build());
        double[] x = r.x();
        double[] kept = x.clone();
        assertNotSame(x, r.x());
        java.util.Arrays.fill(x, 42.0);
        assertArrayEquals(kept, r.x());
        AttentionResult.Timings t = r.timings();
        assertTrue(t.preconditionerSeconds() >= 0 && t.iterateSeconds() >= 0
                && t.totalSeconds() >= t.preconditionerSeconds() + t.iterateSeconds() - 1e-3, t.toString());
        assertTrue(r.toString().contains("preconditioner=jacobi"), r.toString());
    }
}
