package akr.solvers.attention;

import akr.solvers.iterative.LinearOperator;

/**
 * {@link Preconditioner#NONE}: P = I on the unscaled (K + λI)·x = b, the baseline that suffers the
 * full spread e^{‖a_i‖²} of K's diagonal.
 */
final class NoPreconditioner implements AttentionPreconditioner {

    @Override
    public Preconditioner kind() {
        return Preconditioner.NONE;
    }

    @Override
    public Built build(ScaledSystem s, AttentionOptions o) {
        int n = s.n;
        return Built.plain(Preconditioner.NONE, LinearOperator.symmetric(n, (r, z) -> System.arraycopy(r, 0, z, 0, n)));
    }
}
