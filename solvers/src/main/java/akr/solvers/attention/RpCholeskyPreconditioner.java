package akr.solvers.attention;

/**
 * {@link Preconditioner#RPCHOLESKY}: a rank-k randomly pivoted Cholesky factor G ≈ F·Fᵀ
 * ({@link RandomlyPivotedCholesky}) and P = F·Fᵀ + λD⁻² + μI applied by Woodbury
 * ({@link LowRankPreconditioner}), with μ = trace(G − FFᵀ)/n (the mean uncaptured diagonal, floored
 * at {@value AttentionSolver#MIN_SHIFT}) unless the options give one.
 */
final class RpCholeskyPreconditioner implements AttentionPreconditioner {

    @Override
    public Preconditioner kind() {
        return Preconditioner.RPCHOLESKY;
    }

    @Override
    public Built build(ScaledSystem s, AttentionOptions o) {
        return woodbury(s, o, RandomlyPivotedCholesky.factor(s.op, o.effectiveRank(s.n), o.seed(), s.kernels, false));
    }

    /** The Woodbury preconditioner of a finished factor. */
    static Built woodbury(ScaledSystem s, AttentionOptions o, RandomlyPivotedCholesky.Factor f) {
        double shift = o.shift().orElseGet(() -> Math.max(AttentionSolver.MIN_SHIFT, f.residualTrace() / s.n));
        return LowRankPreconditioner.shifted(Preconditioner.RPCHOLESKY, f.f(), s, shift, 0);
    }
}
