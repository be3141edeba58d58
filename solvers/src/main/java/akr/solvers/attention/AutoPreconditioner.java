package akr.solvers.attention;

/**
 * {@link Preconditioner#AUTO}: {@link RpCholeskyPreconditioner}, unless the first block of pivots
 * finds G's spectrum flat (it captures no more of the trace than n equal eigenvalues would; see
 * {@link RandomlyPivotedCholesky}). Then {@link JacobiPreconditioner}, which a low-rank
 * preconditioner would not beat, without building the rest of the factor.
 */
final class AutoPreconditioner implements AttentionPreconditioner {

    @Override
    public Preconditioner kind() {
        return Preconditioner.AUTO;
    }

    @Override
    public Built build(ScaledSystem s, AttentionOptions o) {
        RandomlyPivotedCholesky.Factor f = RandomlyPivotedCholesky.factor(RpCholeskyPreconditioner.columns(s),
                RpCholeskyPreconditioner.rule(s, o, true), o.seed(), s.kernels);
        if (f.flatAtOnce()) {
            return Built.plain(Preconditioner.JACOBI, JacobiPreconditioner.inverse(s));
        }
        return RpCholeskyPreconditioner.woodbury(s, o, f);
    }
}
