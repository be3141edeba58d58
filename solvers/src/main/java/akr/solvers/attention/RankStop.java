package akr.solvers.attention;

import java.util.Locale;

/**
 * Why the low-rank factor of a preconditioner has the rank it has ({@link AttentionResult#rankStop()}).
 * Randomly pivoted Cholesky without a set rank grows its factor a block of pivots at a time and
 * stops at the first of these that holds.
 */
public enum RankStop {
    /** No low-rank factor: the dense route, or the Jacobi and unpreconditioned routes. */
    NONE,
    /** The rank was set in the options (or is the sketch's feature count). */
    FIXED,
    /**
     * The last block captured no more of the residual's trace than a flat spectrum would: no
     * eigenvalue stands out any more, and a larger factor would not reduce the iterations.
     */
    FLAT_SPECTRUM,
    /** The mean residual diagonal fell to the level of the ridge λD⁻², which then dominates it. */
    RIDGE,
    /** The residual trace fell to rounding level: G is numerically of this rank. */
    NUMERICAL_RANK,
    /**
     * The last block of pivots cost more than the PCG iterations it is estimated to save (from what
     * each pivot captured against the ridge).
     */
    COST,
    /** A larger factor would not fit the memory budget. */
    MEMORY_BUDGET,
    /** The factor reached {@link AttentionOptions#DEFAULT_MAX_RANK} (or n). */
    MAX_RANK,
    /**
     * Grown after its first stop: PCG's observed convergence rate predicted more iteration time than
     * doubling the factor costs, so the factor was doubled (within the memory budget) and PCG went on
     * from where it was ({@link PcgRoute}).
     */
    SLOW_CONVERGENCE;

    /**
     * Whether a factor that stopped here may still grow: the stop was one of its own estimates
     * (spectrum, ridge, cost, the rank cap, an earlier growth), not a set rank, a complete
     * factorisation or the memory budget.
     */
    boolean growable() {
        return switch (this) {
            case FLAT_SPECTRUM, RIDGE, COST, MAX_RANK, SLOW_CONVERGENCE -> true;
            case NONE, FIXED, NUMERICAL_RANK, MEMORY_BUDGET -> false;
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
