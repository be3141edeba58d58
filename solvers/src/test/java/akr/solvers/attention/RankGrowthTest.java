package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PCG judges the adaptive factor again ({@link PcgRoute}, {@link RefinedPcg}): when its observed rate
 * predicts that it will not converge within the iteration limit, the factor is doubled and PCG goes on.
 */
class RankGrowthTest {

    /**
     * d = 16, A = randn·d^(-1/4), λ = 10⁻²: the adaptive factor stops early and PCG needs N₀ > 45
     * iterations with it. With the limit at N₀ − 5, the same factor (its rank fixed, so it cannot
     * grow) misses the tolerance; the adaptive solve sees the miss coming at the 40th iteration,
     * doubles the factor, and converges within the limit, with the exact residual.
     */
    @Test
    void aFactorTooSmallForTheIterationLimitIsDoubledAndTheSolveConverges() {
        int n = 3000;
        DenseMatrix a = AttentionProblems.points(n, 16, true, 11);
        double[] b = AttentionProblems.gaussian(n, 12);
        AttentionOptions base = AttentionOptions.builder().ridge(1e-2).build();
        AttentionResult free = AttentionSolver.solve(a, b, base);
        assertTrue(free.converged(), "without a tight limit: " + free.iterations() + " iterations");
        assertTrue(free.rankStop() != RankStop.SLOW_CONVERGENCE, "no growth is needed: " + free.rankStop());
        int n0 = free.iterations();
        int k0 = free.rank();
        assertTrue(n0 > 2 * RefinedPcg.WINDOW + 5, "the factor must leave PCG slow enough to judge: " + n0);
        int limit = n0 - 5;

        AttentionResult fixed = AttentionSolver.solve(a, b, base.toBuilder().rank(k0).maxIterations(limit).build());
        assertEquals(RankStop.FIXED, fixed.rankStop());
        assertFalse(fixed.converged(), "the first factor cannot make it in " + limit + " iterations");

        AttentionResult grown = AttentionSolver.solve(a, b, base.toBuilder().maxIterations(limit).build());
        assertEquals(RankStop.SLOW_CONVERGENCE, grown.rankStop());
        assertEquals(2 * k0, grown.rank());
        assertTrue(grown.iterations() <= limit, grown.iterations() + " > " + limit);
        assertTrue(grown.converged(), "grown to " + grown.rank() + ": " + grown.relativeResidual());
        double[] r = AttentionProblems.kernelTimes(a, 1e-2, grown.x());
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (r[i] - b[i]) * (r[i] - b[i]);
            den += b[i] * b[i];
        }
        assertTrue(Math.sqrt(num / den) <= 1.5 * base.tolerance(), "naive residual " + Math.sqrt(num / den));
    }

    /** A set rank never grows, however slow PCG is: it reports FIXED and its own iterations. */
    @Test
    void aSetRankIsKept() {
        int n = 2000;
        DenseMatrix a = AttentionProblems.points(n, 16, true, 11);
        double[] b = AttentionProblems.gaussian(n, 12);
        AttentionResult r = AttentionSolver.solve(a, b,
                AttentionOptions.builder().ridge(1e-2).rank(64).maxIterations(60).build());
        assertEquals(RankStop.FIXED, r.rankStop());
        assertEquals(64, r.rank());
        assertFalse(r.converged());
        assertEquals(60, r.iterations());
    }
}
