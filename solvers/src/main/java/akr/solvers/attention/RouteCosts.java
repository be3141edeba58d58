package akr.solvers.attention;

/**
 * The cost model behind {@link Route#AUTO}: the estimated seconds of each route for n points in d
 * dimensions, from rates measured on the reference machine (bench/notes/2026-12-05-attention-routes.md)
 * and a nominal iteration count. Only the ratios matter, so the thread count cancels out.
 *
 * <ul>
 *   <li>dense: the triangle of H (n²d/2 multiply-adds, n²/2 exponentials) and n³/3 flops of
 *       Cholesky;</li>
 *   <li>materialised: the same triangle, then {@value #ITERATIONS} passes over its 4n² bytes;</li>
 *   <li>matrix-free: {@value #ITERATIONS} fused products of n²d multiply-adds and n² exponentials.</li>
 * </ul>
 * Storing the triangle costs half a fused product, so the materialised route beats the matrix-free
 * one whenever it fits; dense against materialised is the real choice, and it turns on n.
 */
final class RouteCosts {

    /** Flop rate of the blocked Cholesky (the GEMM's), per second. */
    static final double FLOPS = 3.0e10;
    /** Bytes per second of a pass over the stored triangle. */
    static final double BANDWIDTH = 1.2e10;
    /** Exponentials per second in the fused exp-Gram tiles. */
    static final double EXPS = 1.0e9;
    /** PCG iterations assumed for the iterative routes (refinement and a good preconditioner included). */
    static final int ITERATIONS = 40;
    /** Flop rate of the blocked randomly pivoted Cholesky (block updates and column factoring), per second. */
    static final double FACTOR_FLOPS = 8e9;
    /**
     * Products with the matrix that a low-rank factor may cost at most: beyond that, a larger factor
     * costs more than the iterations it saves (its iterations fall slowly with the rank on kernels
     * with a long flat tail, e.g. 108 → 72 from rank 256 to 2048 at n = 8192, A = randn/√d).
     */
    static final double FACTOR_PRODUCTS = 10;

    private RouteCosts() {
    }

    /** Seconds to compute the triangle of H. */
    static double triangle(int n, int d) {
        double nn = (double) n * n;
        return nn * d / FLOPS + nn / 2 / EXPS;
    }

    static double dense(int n, int d) {
        return triangle(n, d) + Math.pow(n, 3) / 3 / FLOPS;
    }

    static double materialised(int n, int d, int columns) {
        return triangle(n, d) + ITERATIONS * (MaterialisedMatrix.bytes(n) / BANDWIDTH
                + 4.0 * n * n * (columns - 1) / FLOPS);
    }

    /** Seconds of one product with the stored triangle (materialised) or the fused operator. */
    static double product(int n, int d, int columns, boolean materialised) {
        double nn = (double) n * n;
        if (materialised) {
            return MaterialisedMatrix.bytes(n) / BANDWIDTH + 4.0 * nn * (columns - 1) / FLOPS;
        }
        return 2 * nn * d * Math.max(1, columns / 4.0) / FLOPS + nn / EXPS;
    }

    /**
     * The largest rank whose randomly pivoted Cholesky (n·k² flops) costs at most
     * {@value #FACTOR_PRODUCTS} products with the matrix.
     */
    static int factorRank(int n, int d, int columns, boolean materialised) {
        double k = Math.sqrt(FACTOR_PRODUCTS * product(n, d, columns, materialised) * FACTOR_FLOPS / n);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(RandomlyPivotedCholesky.BLOCK, k));
    }

    static double matrixFree(int n, int d, int columns) {
        double nn = (double) n * n;
        return ITERATIONS * (2 * nn * d * Math.max(1, columns / 4.0) / FLOPS + nn / EXPS);
    }
}
