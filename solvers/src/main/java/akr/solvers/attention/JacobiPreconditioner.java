package akr.solvers.attention;

import akr.solvers.iterative.LinearOperator;

/**
 * {@link Preconditioner#JACOBI}: P⁻¹ = diag(G + λD⁻²)⁻¹ = diag(1/(1 + λe^{−‖a_i‖²})) on the scaled
 * system (G's diagonal is 1), i.e. Jacobi on K + λI.
 */
final class JacobiPreconditioner implements AttentionPreconditioner {

    @Override
    public Preconditioner kind() {
        return Preconditioner.JACOBI;
    }

    @Override
    public Built build(ScaledSystem s, AttentionOptions o) {
        return Built.plain(Preconditioner.JACOBI, inverse(s));
    }

    static LinearOperator inverse(ScaledSystem s) {
        int n = s.n;
        double[] inv = new double[n];
        for (int i = 0; i < n; i++) {
            inv[i] = 1 / (1 + s.ridgeDiag[i]);
        }
        return LinearOperator.symmetric(n, (r, z) -> {
            for (int i = 0; i < n; i++) {
                z[i] = inv[i] * r[i];
            }
        });
    }
}
