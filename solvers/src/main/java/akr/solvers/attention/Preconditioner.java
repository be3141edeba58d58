package akr.solvers.attention;

import java.util.Locale;

/**
 * How {@link AttentionSolver} preconditions conjugate gradients on the Gaussian-scaled system
 * (G + λD⁻²)·y = D⁻¹b (see {@link AttentionSolver} for the scaling).
 *
 * <ul>
 *   <li>{@link #RPCHOLESKY}: randomly pivoted Cholesky (Chen–Epperly–Tropp–Webber) of G of rank k,
 *       G ≈ FFᵀ from k columns of G chosen with probability proportional to the residual diagonal;
 *       preconditioner (FFᵀ + λD⁻² + μI)⁻¹ by Woodbury, μ the mean residual diagonal.</li>
 *   <li>{@link #SKETCH}: the paper's route: exp-kernel features Z from the Taylor series of exp
 *       truncated at degree q, each degree-ℓ term sketched by a chain of TensorSRHTs and weighted
 *       1/√ℓ!, so ZZᵀ ≈ K; F = D⁻¹Z, preconditioner (FFᵀ + λD⁻² + μI)⁻¹ by Woodbury
 *       (see {@link ExpTaylorFeatures}).</li>
 *   <li>{@link #JACOBI}: the scaling alone (preconditioner diag(G + λD⁻²)⁻¹ of the scaled
 *       system, i.e. Jacobi on K + λI).</li>
 *   <li>{@link #NONE}: plain conjugate gradients on the unscaled (K + λI)·x = b (the baseline; it
 *       suffers the full spread e^{‖a_i‖²} of the diagonal; matrix-free route only).</li>
 *   <li>{@link #AUTO}: {@link #RPCHOLESKY} of adaptive rank, unless its first block of pivots finds G's spectrum
 *       flat (the block captures no more of the trace than n equal eigenvalues would; see
 *       {@link RandomlyPivotedCholesky}): then {@link #JACOBI}, which a low-rank preconditioner would
 *       not beat, without building the rest of the factor. The result names the one that ran.</li>
 * </ul>
 * Each option is one class (RpCholeskyPreconditioner, SketchPreconditioner, JacobiPreconditioner,
 * NoPreconditioner, AutoPreconditioner), chosen by the solver's factory. The dense route
 * ({@link Route#DENSE}) factors the matrix itself and needs none.
 */
public enum Preconditioner {
    AUTO, SKETCH, RPCHOLESKY, JACOBI, NONE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preconditioner AUTO starts with (it may still switch to JACOBI); others are returned unchanged. */
    public Preconditioner resolve() {
        return this == AUTO ? RPCHOLESKY : this;
    }

    /** Whether the preconditioner has a rank (a low-rank factor F). */
    public boolean isLowRank() {
        return this == SKETCH || this == RPCHOLESKY;
    }

    public static Preconditioner parse(String s) {
        for (Preconditioner p : values()) {
            if (p.key().equalsIgnoreCase(s.trim())) {
                return p;
            }
        }
        if ("direct".equalsIgnoreCase(s.trim())) {
            throw new IllegalArgumentException("'direct' is a route, not a preconditioner: use the dense route");
        }
        throw new IllegalArgumentException("preconditioner '" + s
                + "' is not one of auto, sketch, rpcholesky, jacobi, none");
    }
}
