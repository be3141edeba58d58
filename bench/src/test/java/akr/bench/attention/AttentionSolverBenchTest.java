package akr.bench.attention;

import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's rule of which (route, preconditioner, n, budget) make sense, held against the
 * library itself: what the rule lets through must solve, and what it refuses for the library's
 * reasons the library must refuse too, so the rule cannot drift from the solver it measures.
 */
class AttentionSolverBenchTest {

    private static final long FORK_BUDGET = (8L << 30) / 2;

    @Test
    void denseRouteIsMeasuredOnceAtAuto() {
        for (Preconditioner p : Preconditioner.values()) {
            String why = AttentionSolverBench.notApplicable(2000, Route.DENSE, p, FORK_BUDGET);
            if (p == Preconditioner.AUTO) {
                assertNull(why);
            } else {
                assertNotNull(why, p.key());
                assertTrue(why.contains("ignores the preconditioner"), why);
            }
        }
    }

    @Test
    void everyApplicablePairSolvesAndTheRefusedNoneIsRefusedByTheLibraryToo() {
        AttentionProblems.Instance in = AttentionProblems.instance(64, 8, "randn");
        try (Kernels kernels = Kernels.defaults().withThreads(1)) {
            for (Route r : Route.values()) {
                for (Preconditioner p : Preconditioner.values()) {
                    AttentionOptions o = AttentionOptions.builder().ridge(in.ridge()).route(r).preconditioner(p)
                            .kernels(kernels).maxIterations(20).build();
                    String why = AttentionSolverBench.notApplicable(64, r, p, o.effectiveMemoryLimit());
                    if (why == null) {
                        assertDoesNotThrow(() -> AttentionSolver.solve(in.a(), in.b(), o), r.key() + "/" + p.key());
                    } else if (why.contains("unscaled")) {
                        assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(in.a(), in.b(), o),
                                r.key() + "/" + p.key());
                    }
                }
            }
        }
    }

    @Test
    void memoryRuleIsTheLibrarysToTheByte() {
        // the smallest budget the rule accepts is the smallest the library accepts, for both stored routes
        AttentionProblems.Instance in = AttentionProblems.instance(64, 8, "randn");
        try (Kernels kernels = Kernels.defaults().withThreads(1)) {
            for (Route r : new Route[] {Route.DENSE, Route.MATERIALISED}) {
                long need = 1;
                while (AttentionSolverBench.notApplicable(64, r, Preconditioner.AUTO, need) != null) {
                    need *= 2;
                }
                long lo = need / 2;
                while (need - lo > 1) {  // bisect to the first accepted budget
                    long mid = (lo + need) / 2;
                    if (AttentionSolverBench.notApplicable(64, r, Preconditioner.AUTO, mid) == null) {
                        need = mid;
                    } else {
                        lo = mid;
                    }
                }
                AttentionOptions.Builder b = AttentionOptions.builder().ridge(in.ridge()).route(r)
                        .preconditioner(Preconditioner.JACOBI).kernels(kernels).maxIterations(20);
                AttentionOptions fits = b.memoryLimitBytes(need).build();
                AttentionOptions short1 = b.memoryLimitBytes(need - 1).build();
                assertDoesNotThrow(() -> AttentionSolver.solve(in.a(), in.b(), fits), r.key());
                assertThrows(IllegalArgumentException.class, () -> AttentionSolver.solve(in.a(), in.b(), short1), r.key());
            }
        }
    }

    @Test
    void defaultSizesFitTheForkAndOnlyMatrixFreeRunsBeyond() {
        for (int n : new int[] {2000, 8192, 16384}) {
            for (Route r : Route.values()) {
                assertNull(AttentionSolverBench.notApplicable(n, r, Preconditioner.AUTO, FORK_BUDGET), n + " " + r.key());
            }
        }
        assertNotNull(AttentionSolverBench.notApplicable(32768, Route.DENSE, Preconditioner.AUTO, FORK_BUDGET));
        assertNotNull(AttentionSolverBench.notApplicable(32768, Route.MATERIALISED, Preconditioner.AUTO, FORK_BUDGET));
        assertNull(AttentionSolverBench.notApplicable(32768, Route.MATRIX_FREE, Preconditioner.AUTO, FORK_BUDGET));
        assertNull(AttentionSolverBench.notApplicable(131072, Route.MATRIX_FREE, Preconditioner.NONE, FORK_BUDGET));
    }
}
