package akr.solvers.attention;

import java.util.Locale;

/**
 * How {@link AttentionSolver} applies the kernel: the three routes differ in the memory they spend
 * on the n×n matrix and in the cost of each product with it. Every route solves the
 * Gaussian-scaled system (G + λD⁻²)·y = D⁻¹b and reports the residual recomputed with the exact
 * fused operator K.
 *
 * <ul>
 *   <li>{@link #DENSE}: materialise G + λD⁻² once (one triangle by the fused GEMM + exp tiles,
 *       8n² bytes), factor it by blocked Cholesky, solve; no iterations. The route for small n.</li>
 *   <li>{@link #MATERIALISED}: store G + λD⁻² once as a packed fp64 triangle (4n² bytes) and run
 *       preconditioned conjugate gradients on it: each product a memory-bound symmetric pass.</li>
 *   <li>{@link #MATRIX_FREE}: preconditioned conjugate gradients with the fused exp-Gram operator,
 *       O(n·d) memory, one O(n²d) product per iteration: for n beyond the memory budget.</li>
 *   <li>{@link #AUTO}: the fastest route whose memory fits the budget of
 *       {@link AttentionOptions#effectiveMemoryLimit()}, by the cost model of {@link RouteCosts}.</li>
 * </ul>
 */
public enum Route {
    AUTO, DENSE, MATERIALISED, MATRIX_FREE;

    /** The command-line spelling: auto, dense, materialised, matrix-free. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Route parse(String s) {
        String t = s.trim();
        for (Route r : values()) {
            if (r.key().equalsIgnoreCase(t)) {
                return r;
            }
        }
        throw new IllegalArgumentException("route '" + s + "' is not one of auto, dense, materialised, matrix-free");
    }
}
