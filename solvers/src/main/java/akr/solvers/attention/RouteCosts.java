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
     * The costs the adaptive randomly pivoted Cholesky weighs: seconds of one PCG iteration with a
     * rank-k factor (a product and the Woodbury application's 2·n·k reads), and of one more block of
     * pivots at rank k (the update's 2·n·k·32 flops and the block's columns: read from the stored
     * triangle, or computed).
     */
    static RandomlyPivotedCholesky.Costs factorCosts(int n, int d, int columns, boolean materialised,
                                                     double tolerance) {
        double product = product(n, d, columns, materialised);
        int q = RandomlyPivotedCholesky.BLOCK;
        double columnsSeconds = materialised ? 8.0 * n * q / BANDWIDTH : (double) n * q * (2.0 * d / FLOPS + 1 / EXPS);
        return new RandomlyPivotedCholesky.Costs(tolerance,
                k -> product + columns * 16.0 * n * k / BANDWIDTH,
                k -> 2.0 * n * k * q / FACTOR_FLOPS + columnsSeconds);
    }

    static double matrixFree(int n, int d, int columns) {
        double nn = (double) n * n;
        return ITERATIONS * (2 * nn * d * Math.max(1, columns / 4.0) / FLOPS + nn / EXPS);
    }
}
