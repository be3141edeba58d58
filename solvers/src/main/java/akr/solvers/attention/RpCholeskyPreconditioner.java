package akr.solvers.attention;

/**
 * {@link Preconditioner#RPCHOLESKY}: a randomly pivoted Cholesky factor G ≈ F·Fᵀ
 * ({@link RandomlyPivotedCholesky}) and P = F·Fᵀ + λD⁻² + μI applied by Woodbury
 * ({@link LowRankPreconditioner}), with μ = trace(G − FFᵀ)/n (the mean uncaptured diagonal, floored
 * at {@value AttentionSolver#MIN_SHIFT}) unless the options give one.
 *
 * <p>The rank is the options' when set; otherwise the factor grows until its residual is flat or at
 * the ridge's level, or until a block costs more than the iterations it is estimated to save
 * ({@link RouteCosts#factorCosts}), at most {@value AttentionOptions#DEFAULT_MAX_RANK} columns and no
 * more than the memory budget leaves ({@link #rule}).
 */
final class RpCholeskyPreconditioner implements AttentionPreconditioner {

    @Override
    public Preconditioner kind() {
        return Preconditioner.RPCHOLESKY;
    }

    @Override
    public Built build(ScaledSystem s, AttentionOptions o) {
        return woodbury(s, o, RandomlyPivotedCholesky.factor(columns(s), rule(s, o, false), o.seed(), s.kernels));
    }

    /** The columns of G in the form the route holds it (computed, or read from the stored matrix). */
    static RandomlyPivotedCholesky.Columns columns(ScaledSystem s) {
        return new RandomlyPivotedCholesky.Columns() {
            @Override
            public int size() {
                return s.n;
            }

            @Override
            public akr.kernels.DenseMatrix gaussian(int[] cols) {
                return s.matrix().gaussianColumns(cols);
            }
        };
    }

    /**
     * The stopping rule of the factor: the set rank, or adaptive (flat block, ridge level, cost) up to
     * the smallest of {@value AttentionOptions#DEFAULT_MAX_RANK}, n and what the memory budget leaves.
     *
     * @param flatThenStop whether a flat first block ends the factorisation (AUTO then runs Jacobi)
     */
    static RandomlyPivotedCholesky.Rule rule(ScaledSystem s, AttentionOptions o, boolean flatThenStop) {
        if (o.rank().isPresent()) {
            int k = Math.min(s.n, o.rank().getAsInt());
            return new RandomlyPivotedCholesky.Rule(k, RankStop.FIXED, false, 0, flatThenStop);
        }
        double ridge = 0;
        for (double v : s.ridgeDiag) {
            ridge += v;
        }
        int cap = Math.min(s.n, AttentionOptions.DEFAULT_MAX_RANK);
        RankStop reason = RankStop.MAX_RANK;
        int byMemory = MemoryBudget.factorColumns(s, o);
        if (byMemory < cap) {
            cap = byMemory;
            reason = RankStop.MEMORY_BUDGET;
        }
        return new RandomlyPivotedCholesky.Rule(Math.max(cap, 0), reason, true, ridge / s.n, flatThenStop,
                RouteCosts.factorCosts(s.n, s.a.cols(), s.columns(), s.matrix().bytes() > 0, o.tolerance()));
    }

    /**
     * The Woodbury preconditioner of a finished factor. A factor of adaptive rank that stopped by its
     * own rules (flat spectrum, ridge, cost, the rank cap) can grow ({@link #growth}); a set rank, a
     * numerically complete one and one at the memory budget cannot.
     */
    static Built woodbury(ScaledSystem s, AttentionOptions o, RandomlyPivotedCholesky.Factor f) {
        double shift = o.shift().orElseGet(() -> Math.max(AttentionSolver.MIN_SHIFT, f.residualTrace() / s.n));
        boolean growable = o.rank().isEmpty() && f.stop().growable();
        return LowRankPreconditioner.shifted(Preconditioner.RPCHOLESKY, f.f(), s, shift, 0, f.stop(),
                growable ? p -> growth(s, o, f, p) : null);
    }

    /**
     * Doubling the factor (to at least one more block, at most what the memory budget leaves and n):
     * continue the randomly pivoted Cholesky from where it stopped, then a new Woodbury
     * preconditioner; null when the factor is already there. Its cost is estimated by
     * {@link RouteCosts#factorCosts} (the blocks, and the k×k Gram of the new factor).
     */
    private static Growth growth(ScaledSystem s, AttentionOptions o, RandomlyPivotedCholesky.Factor f,
                                 LowRankPreconditioner p) {
        int rank = f.f().cols();
        int cap = Math.min(s.n, MemoryBudget.factorColumns(s, o));
        int next = Math.min(cap, Math.max(2 * rank, rank + RandomlyPivotedCholesky.BLOCK));
        if (next <= rank) {
            return null;
        }
        RandomlyPivotedCholesky.Costs costs = RouteCosts.factorCosts(s.n, s.a.cols(), s.columns(),
                s.matrix().bytes() > 0, o.tolerance());
        double blocks = (double) (next - rank) / RandomlyPivotedCholesky.BLOCK;
        double seconds = blocks * costs.blockSeconds().applyAsDouble((rank + next) / 2)
                + (double) s.n * next * next / RouteCosts.FLOPS;
        return new Growth(seconds, costs.iterationSeconds().applyAsDouble(rank), () -> {
            p.restoreFactor();
            return woodbury(s, o, f.extend(next, next == cap && cap < s.n ? RankStop.MEMORY_BUDGET
                    : RankStop.SLOW_CONVERGENCE));
        });
    }
}
