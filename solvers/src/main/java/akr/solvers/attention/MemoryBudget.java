package akr.solvers.attention;

/**
 * The bytes a solve's large structures take, checked against the budget of
 * {@link AttentionOptions#effectiveMemoryLimit()}: the n×n matrix of a route, the PCG vectors of r
 * right-hand sides, and what is left for the preconditioner's factor. A (the caller's) is not
 * counted.
 */
final class MemoryBudget {

    /** n-vectors PCG and its refinement keep per right-hand side (c, y, x, r, z, p, Hp, copies). */
    static final int VECTORS_PER_COLUMN = 10;

    private MemoryBudget() {
    }

    /** The dense route's n×n matrix. */
    static long denseBytes(int n) {
        return 8L * n * n;
    }

    /** The materialised route's stored triangle (see {@link MaterialisedMatrix#bytes}). */
    static long materialisedBytes(int n) {
        return MaterialisedMatrix.bytes(n);
    }

    /** PCG's vectors for r right-hand sides of length n. */
    static long vectorBytes(int n, int r) {
        return 8L * VECTORS_PER_COLUMN * n * r;
    }

    /**
     * The columns k of a low-rank factor that fit what the budget leaves beside the held matrix and
     * the vectors: the factor takes 12·n·k bytes while it grows (a doubling copy) and its Woodbury
     * matrix 8·k² more.
     */
    static int factorColumns(ScaledSystem s, AttentionOptions o) {
        long left = o.effectiveMemoryLimit() - s.matrix().bytes() - vectorBytes(s.n, s.columns());
        if (left <= 0) {
            return 0;
        }
        double n = s.n;
        double k = (-12 * n + Math.sqrt(144 * n * n + 32.0 * left)) / 16;
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(k));
    }
}
