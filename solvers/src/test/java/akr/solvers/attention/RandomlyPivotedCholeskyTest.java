package akr.solvers.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Tier;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.kernels.parallel.ParallelExecutor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomlyPivotedCholeskyTest {

    private static final double U = 0x1.0p-53;

    /**
     * The factor interpolates G at its pivots (the residual G − FFᵀ vanishes on their columns), the
     * residual is positive semidefinite on random vectors, its trace is the reported one, and the
     * factor does not depend on the thread count. Ranks cross the block size (32) and n.
     */
    @ParameterizedTest
    @CsvSource({"200, 4, 1, true", "200, 4, 33, true", "150, 3, 150, false", "97, 2, 64, true", "260, 6, 70, false"})
    void interpolatesAtPivotsAndLeavesAPsdResidual(int n, int d, int k, boolean attention) {
        DenseMatrix a = AttentionProblems.points(n, d, attention, 17);
        RandomlyPivotedCholesky.Factor one = factor(a, k, 1);
        RandomlyPivotedCholesky.Factor two = factor(a, k, 2);
        assertArrayEquals(one.f().data(), two.f().data(), "factor depends on the thread count");
        assertArrayEquals(one.pivots(), two.pivots());

        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        DenseMatrix g = Kernels.of(Tier.REFERENCE).expGramOperator(a).columns(Form.GAUSSIAN, all);
        DenseMatrix f = one.f();
        int r = f.cols();
        assertTrue(r >= 1 && r <= k, "rank " + r);
        double[][] e = new double[n][n]; // G − FFᵀ
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int t = 0; t < r; t++) {
                    s += f.get(i, t) * f.get(j, t);
                }
                e[i][j] = g.get(i, j) - s;
            }
            trace += e[i][i];
        }
        double tol = 1e3 * n * U; // G's entries are in (0, 1]
        for (int p : one.pivots()) {
            for (int i = 0; i < n; i++) {
                assertEquals(0.0, e[i][p], tol, "residual at pivot column " + p + ", row " + i);
            }
        }
        assertEquals(trace, one.residualTrace(), tol * n, "residual trace");
        java.util.Random rnd = new java.util.Random(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = new double[n];
            double xx = 0;
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextGaussian();
                xx += x[i] * x[i];
            }
            double q = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    q += x[i] * e[i][j] * x[j];
                }
            }
            assertTrue(q >= -tol * n * xx, "xᵀ(G − FFᵀ)x = " + q);
        }
    }

    /**
     * The flatness stop: on the attention scaling the first block captures about r/n of the trace and
     * the factorisation stops there; on randn/√d it captures far more and runs to rank k; without the
     * request, or for n below the test's minimum, it never stops early.
     */
    @ParameterizedTest
    @CsvSource({"2048, 64, true, true", "2048, 64, false, false", "1024, 32, true, true", "300, 64, true, false"})
    void stopsAfterTheFirstBlockOnlyOnAFlatSpectrum(int n, int d, boolean attention, boolean flat) {
        DenseMatrix a = AttentionProblems.points(n, d, attention, 23);
        int k = 128;
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            ExpGramOperator op = operator(a, ex);
            RandomlyPivotedCholesky.Factor stopped = RandomlyPivotedCholesky.factor(
                    RandomlyPivotedCholesky.columnsOf(op), new RandomlyPivotedCholesky.Rule(k, RankStop.FIXED, false, 0,
                            true), 3, kernels(ex));
            RandomlyPivotedCholesky.Factor full = RandomlyPivotedCholesky.factor(op, k, 3, kernels(ex));
            assertEquals(flat, stopped.flatAtOnce());
            assertEquals(flat ? RankStop.FLAT_SPECTRUM : RankStop.FIXED, stopped.stop());
            assertTrue(!full.flatAtOnce() && full.f().cols() == k, "rank " + full.f().cols());
            double captured = 1 - stopped.residualTrace() / n;
            int r = stopped.f().cols();
            if (flat) {
                assertEquals(RandomlyPivotedCholesky.BLOCK, r);
                assertTrue(captured <= RandomlyPivotedCholesky.FLAT_FACTOR * r / n, "captured " + captured);
                // the stopped factor is the full one's first block, bit for bit
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < r; j++) {
                        assertEquals(full.f().get(i, j), stopped.f().get(i, j), 0.0);
                    }
                }
            } else {
                assertArrayEquals(full.f().data(), stopped.f().data());
            }
        }
    }

    /**
     * The adaptive factor is the fixed factor of the rank it stopped at, bit for bit (growing its
     * storage copies, it does not change a value), and each stop is the one its rule names: the
     * flat-spectrum or cap stop with no ridge, the ridge stop when the residual's mean diagonal falls
     * to the given level, and the memory cap at exactly its rank.
     */
    @org.junit.jupiter.api.Test
    void anAdaptiveFactorIsTheFixedFactorOfItsRankAndNamesItsStop() {
        int n = 1024;
        DenseMatrix a = AttentionProblems.points(n, 16, false, 29);
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            RandomlyPivotedCholesky.Columns g = RandomlyPivotedCholesky.columnsOf(operator(a, ex));
            RandomlyPivotedCholesky.Factor adaptive = RandomlyPivotedCholesky.factor(g,
                    new RandomlyPivotedCholesky.Rule(600, RankStop.MAX_RANK, true, 0, false), 5, kernels(ex));
            int k = adaptive.f().cols();
            assertTrue(k > 300, "rank " + k); // beyond the first allocation: the storage grew at least once
            assertTrue(adaptive.stop() == RankStop.FLAT_SPECTRUM || adaptive.stop() == RankStop.MAX_RANK
                    || adaptive.stop() == RankStop.NUMERICAL_RANK, adaptive.stop().toString());
            assertEquals(adaptive.stop() == RankStop.MAX_RANK, k == 600);
            RandomlyPivotedCholesky.Factor fixed = RandomlyPivotedCholesky.factor(operator(a, ex), k, 5, kernels(ex));
            assertEquals(k, fixed.f().cols());
            assertArrayEquals(fixed.pivots(), adaptive.pivots());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < k; j++) {
                    assertEquals(fixed.f().get(i, j), adaptive.f().get(i, j), 0.0);
                }
            }
            RandomlyPivotedCholesky.Factor ridge = RandomlyPivotedCholesky.factor(g,
                    new RandomlyPivotedCholesky.Rule(600, RankStop.MAX_RANK, true, 0.05, false), 5, kernels(ex));
            assertEquals(RankStop.RIDGE, ridge.stop());
            assertTrue(ridge.residualTrace() / n <= 0.05 && ridge.f().cols() < k, ridge.f().cols() + " " + k);
            RandomlyPivotedCholesky.Factor capped = RandomlyPivotedCholesky.factor(g,
                    new RandomlyPivotedCholesky.Rule(45, RankStop.MEMORY_BUDGET, true, 0, false), 5, kernels(ex));
            assertEquals(RankStop.MEMORY_BUDGET, capped.stop());
            assertEquals(45, capped.f().cols());
        }
    }

    /**
     * The cost stop weighs the iterations a window of blocks saves against what the blocks cost: with
     * blocks that cost more than any saving it stops as soon as it has two windows to compare; with
     * free blocks it never stops for cost.
     */
    @org.junit.jupiter.api.Test
    void theCostStopWeighsSavedIterationsAgainstTheBlocks() {
        int n = 1024;
        DenseMatrix a = AttentionProblems.points(n, 16, false, 29);
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            RandomlyPivotedCholesky.Columns g = RandomlyPivotedCholesky.columnsOf(operator(a, ex));
            RandomlyPivotedCholesky.Costs dear = new RandomlyPivotedCholesky.Costs(1e-10, k -> 1.0, k -> 1e9);
            RandomlyPivotedCholesky.Factor stopped = stoppedByCost(g, dear, ex);
            assertEquals(2 * RandomlyPivotedCholesky.WINDOW * RandomlyPivotedCholesky.BLOCK, stopped.f().cols());
            RandomlyPivotedCholesky.Costs free = new RandomlyPivotedCholesky.Costs(1e-10, k -> 1.0, k -> 0.0);
            RandomlyPivotedCholesky.Factor grown = RandomlyPivotedCholesky.factor(g,
                    new RandomlyPivotedCholesky.Rule(600, RankStop.MAX_RANK, true, 1e-3, false, free), 5, kernels(ex));
            assertTrue(grown.stop() != RankStop.COST && grown.f().cols() > stopped.f().cols(),
                    grown.stop() + " at " + grown.f().cols());
            // the model: fewer iterations for a smaller uncaptured eigenvalue, more for a smaller ridge
            assertTrue(dear.iterations(0.1, 1e-3) < dear.iterations(1.0, 1e-3));
            assertTrue(dear.iterations(1.0, 1e-2) < dear.iterations(1.0, 1e-3));
        }
    }

    /**
     * A factor stopped by the cost rule and then extended is, pivot for pivot and bit for bit, the
     * fixed factor of the larger rank: growing continues the same random draws and the same residual.
     * It can be extended again, and extending to n stops at G's numerical rank at most.
     */
    @org.junit.jupiter.api.Test
    void extendingAStoppedFactorContinuesTheSameFactorisation() {
        int n = 1024;
        DenseMatrix a = AttentionProblems.points(n, 16, false, 31);
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            RandomlyPivotedCholesky.Columns g = RandomlyPivotedCholesky.columnsOf(operator(a, ex));
            RandomlyPivotedCholesky.Costs dear = new RandomlyPivotedCholesky.Costs(1e-10, k -> 1.0, k -> 1e9);
            RandomlyPivotedCholesky.Factor stopped = stoppedByCost(g, dear, ex);
            int k = stopped.f().cols();
            RandomlyPivotedCholesky.Factor grown = stopped.extend(3 * k, RankStop.SLOW_CONVERGENCE);
            assertEquals(3 * k, grown.f().cols());
            assertEquals(RankStop.SLOW_CONVERGENCE, grown.stop());
            RandomlyPivotedCholesky.Factor fixed = RandomlyPivotedCholesky.factor(operator(a, ex), 3 * k, 5, kernels(ex));
            assertArrayEquals(fixed.pivots(), grown.pivots());
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 3 * k; j++) {
                    assertEquals(fixed.f().get(i, j), grown.f().get(i, j), 0.0, "(" + i + ", " + j + ")");
                }
            }
            assertEquals(fixed.residualTrace(), grown.residualTrace(), 0.0);
            RandomlyPivotedCholesky.Factor again = grown.extend(3 * k + 50, RankStop.MEMORY_BUDGET);
            assertEquals(RankStop.MEMORY_BUDGET, again.stop());
            assertEquals(3 * k + 50, again.f().cols());
            RandomlyPivotedCholesky.Factor all = again.extend(n, RankStop.MAX_RANK);
            assertTrue(all.f().cols() <= n && all.f().cols() > 3 * k + 50, "rank " + all.f().cols());
            assertTrue(all.residualTrace() < again.residualTrace());
        }
    }

    /** The preconditioner's factor, scaled in place into W, comes back to within a rounding per entry. */
    @org.junit.jupiter.api.Test
    void aLowRankPreconditionerGivesItsFactorBack() {
        int n = 300;
        DenseMatrix a = AttentionProblems.points(n, 8, false, 3);
        try (ParallelExecutor ex = ParallelExecutor.create(1)) {
            DenseMatrix f = RandomlyPivotedCholesky.factor(operator(a, ex), 40, 5, kernels(ex)).f();
            DenseMatrix copy = f.copy();
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = 1e-3 * (1 + i % 7);
            }
            LowRankPreconditioner p = new LowRankPreconditioner(f, lambda, kernels(ex));
            assertTrue(Math.abs(f.get(5, 3) - copy.get(5, 3)) > 0, "W is F scaled in place");
            DenseMatrix back = p.restoreFactor();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < f.cols(); j++) {
                    assertEquals(copy.get(i, j), back.get(i, j), 4 * U * Math.abs(copy.get(i, j)));
                }
            }
        }
    }

    /** An adaptive factor (cap 600, ridge level 10⁻³) under {@code costs}, which must stop it for cost. */
    private static RandomlyPivotedCholesky.Factor stoppedByCost(RandomlyPivotedCholesky.Columns g,
                                                                RandomlyPivotedCholesky.Costs costs, ParallelExecutor ex) {
        RandomlyPivotedCholesky.Factor f = RandomlyPivotedCholesky.factor(g,
                new RandomlyPivotedCholesky.Rule(600, RankStop.MAX_RANK, true, 1e-3, false, costs), 5, kernels(ex));
        assertEquals(RankStop.COST, f.stop());
        return f;
    }

    private static RandomlyPivotedCholesky.Factor factor(DenseMatrix a, int k, int threads) {
        try (ParallelExecutor ex = ParallelExecutor.create(threads)) {
            return RandomlyPivotedCholesky.factor(operator(a, ex), k, 9, kernels(ex));
        }
    }

    private static Kernels kernels(ParallelExecutor ex) {
        return Kernels.defaults().withExecutor(ex);
    }

    private static ExpGramOperator operator(DenseMatrix a, ParallelExecutor ex) {
        return kernels(ex).expGramOperator(a);
    }
}
