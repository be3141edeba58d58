package akr.solvers.attention;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.expgram.ExpGramOverflowException;

import java.util.function.BiConsumer;

/**
 * Attention kernel regression (P3 and P3λ, docs/problems.md#p3-the-attention-kernel):
 * (K + λI)·X = B with K = exp(A·Aᵀ) (exp entrywise), A n×d, B n×r (r ≥ 1 right-hand sides, e.g. the
 * value columns of an attention layer), λ ≥ 0: the minimiser of ‖(K + λI)x_c − b_c‖ for every
 * column, which is 0 when K + λI is non-singular.
 *
 * <p><b>Scaling.</b> With h_i = ‖a_i‖²/2 and D = diag(e^{h_i}), K = D·G·D where G is the Gaussian
 * kernel (entries exp(−‖a_i − a_j‖²/2) ∈ (0, 1], unit diagonal), and
 * D⁻¹(K + λI)D⁻¹ = G + λD⁻². Every route therefore solves
 * <pre>   (G + λD⁻²)·Y = D⁻¹B,   X = D⁻¹Y</pre>
 * — the same problem, symmetrically Jacobi-scaled, whose matrix entries never overflow — and
 * reports ‖(K + λI)x_c − b_c‖/‖b_c‖ recomputed with the exact fused operator K at the end.
 *
 * <p><b>Routes</b> ({@link Route}), chosen by {@link AttentionOptions#route()}; AUTO takes the
 * fastest that fits the memory budget ({@link AttentionOptions#effectiveMemoryLimit()}):
 * <ul>
 *   <li>dense: G + λD⁻² stored (8n² bytes), blocked Cholesky, triangular solves;</li>
 *   <li>materialised: its triangle stored (4n² bytes), preconditioned conjugate gradients with a
 *       memory-bound symmetric product per iteration;</li>
 *   <li>matrix-free: PCG with the fused exp-Gram operator, one O(n²d) product per iteration, O(n·d)
 *       memory besides the preconditioner.</li>
 * </ul>
 * On the PCG routes all r columns run side by side, one pass over the matrix per iteration serving
 * them all. PCG controls the residual of the scaled form; when a column's recomputed residual
 * misses the tolerance although PCG met it, that column restarts from its current point with a
 * tolerance tightened by the observed ratio (at most {@value #REFINEMENTS} times, within the
 * iteration limit).
 *
 * <p><b>Parts.</b> {@link AttentionInput} validates, {@link ScaledSystem} holds the scaling and the
 * operators, {@link AttentionRoutes} picks the route ({@link DenseRoute}, or {@link PcgRoute} with an
 * {@link AttentionPreconditioner}), {@link RefinedPcg} runs PCG with its refinement rounds and
 * {@link ExactResidual} recomputes the reported residuals.
 *
 * <p><b>Preconditioners:</b> see {@link Preconditioner}. The low-rank ones use
 * P = F·Fᵀ + λD⁻² + μI applied through {@link LowRankPreconditioner} (Woodbury, O(n·k) per
 * application, O(n·k) memory); μ defaults to the mean uncaptured diagonal of G (RPCholesky:
 * trace(G − FFᵀ)/n; sketch: mean |1 − ‖f_i‖²|), floored at {@value #MIN_SHIFT}. Randomly pivoted
 * Cholesky adapts its rank unless one is set ({@link RankStop}).
 *
 * <p><b>Bad input.</b> Non-finite entries, mismatched shapes and λ &lt; 0 are
 * {@link IllegalArgumentException}s, and so is a route asked for whose matrix does not fit the
 * budget. Rows with ‖a_i‖² ≥ ln(MAX_VALUE) ≈ 709.78 make K_ii = e^{‖a_i‖²}
 * (and so D² and the original problem) overflow: an IllegalArgumentException names them. With λ = 0,
 * duplicate rows make K exactly singular: a {@link SingularKernelException} names a duplicate pair
 * (the dense route also reports a failing Cholesky pivot the same way). Numerically singular K
 * without exact duplicates (e.g. tightly clustered points, λ = 0) makes PCG stagnate: the result then
 * says converged = false with the residual actually achieved — never a silent garbage x.
 *
 * <p><b>Limitation.</b> The original residual is D times the scaled one, so rows with a much larger
 * ‖a_i‖² than the rest weigh e^{h_i − h_j} more in it than in the residual PCG controls; with a
 * spread of a few hundred in ‖a_i‖² the tolerance can be out of reach within the refinement
 * sweeps (reported as converged = false with the achieved residual).
 */
public final class AttentionSolver {

    /** Restarts of PCG when the recomputed residual misses the tolerance. */
    public static final int REFINEMENTS = 3;
    /** Floor of the default μ of the low-rank preconditioners. */
    public static final double MIN_SHIFT = 1e-10;

    private AttentionSolver() {
    }

    /**
     * Solves (K + λI)x = b with λ = {@code options.ridge()}, every kernel on {@code options.kernels()}
     * (which the solve does not close).
     *
     * @throws IllegalArgumentException on bad input (see the class comment) or a route asked for
     *                                  whose matrix does not fit the memory budget
     * @throws SingularKernelException  when K + λI is singular (duplicate rows with λ = 0)
     */
    public static AttentionResult solve(DenseMatrix a, double[] b, AttentionOptions options) {
        long t0 = System.nanoTime();
        AttentionInput.validate(a, b, options);
        return solveValidated(a, new double[][] {b}, options, t0);
    }

    /**
     * Solves (K + λI)X = B for the n×r block B, all columns together (one pass over the matrix per
     * iteration for all of them); the result holds X ({@link AttentionResult#solutions()}) and each
     * column's residual.
     *
     * @throws IllegalArgumentException on bad input (B with a non-finite entry, r = 0, …) or a route
     *                                  asked for whose matrix does not fit the memory budget
     * @throws SingularKernelException  when K + λI is singular (duplicate rows with λ = 0)
     */
    public static AttentionResult solve(DenseMatrix a, DenseMatrix b, AttentionOptions options) {
        long t0 = System.nanoTime();
        AttentionInput.validate(a, b, options);
        double[][] cols = new double[b.cols()][a.rows()];
        for (int c = 0; c < b.cols(); c++) {
            for (int i = 0; i < a.rows(); i++) {
                cols[c][i] = b.get(i, c);
            }
        }
        return solveValidated(a, cols, options, t0);
    }

    /** The route AUTO would take for n points in d dimensions and r right-hand sides under these options. */
    public static Route chooseRoute(int n, int d, int r, AttentionOptions options) {
        if (n < 1 || d < 1 || r < 1 || options == null) {
            throw new IllegalArgumentException("n, d, r must be >= 1 and the options not null: " + n + ", " + d + ", "
                    + r);
        }
        return options.route() == Route.AUTO ? AttentionRoutes.choose(n, d, r, options) : options.route();
    }

    private static AttentionResult solveValidated(DenseMatrix a, double[][] b, AttentionOptions options, long t0) {
        ScaledSystem system = new ScaledSystem(a, b, options.ridge(), options.kernels());
        return AttentionRoutes.route(system, options).solve(system, options, t0);
    }

    /**
     * The attention output at new points: exp(B·Aᵀ)·x (length m for B m×d), through the rectangular
     * exp-Gram operator, on the default kernel context.
     *
     * @throws IllegalArgumentException on null, mismatched or non-finite input
     * @throws ExpGramOverflowException when an entry or a sum overflows (naming the row of B)
     */
    public static double[] predict(DenseMatrix a, double[] x, DenseMatrix queries) {
        return predict(a, x, queries, Kernels.defaults());
    }

    /** As {@link #predict(DenseMatrix, double[], DenseMatrix)}, on the given kernel context (not closed). */
    public static double[] predict(DenseMatrix a, double[] x, DenseMatrix queries, Kernels kernels) {
        if (a == null || x == null || queries == null || kernels == null) {
            throw new IllegalArgumentException("A, x, the queries and the kernel context must not be null");
        }
        if (x.length != a.rows()) {
            throw new IllegalArgumentException("x has length " + x.length + ", A has " + a.rows() + " rows");
        }
        if (queries.cols() != a.cols()) {
            throw new IllegalArgumentException("the queries have " + queries.cols() + " columns, A has " + a.cols());
        }
        Checks.finite("A", a);
        Checks.finite("the queries", queries);
        Checks.finite("x", x);
        return kernels.expGramOperator(a).predict(queries, x);
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) * 1e-9;
    }

    /**
     * The pieces of a solve without solving, for tests: the scaled operator y ↦ (G + λD⁻²)y and the
     * preconditioner r ↦ P⁻¹r of the given options, on the options' kernel context.
     */
    static BiConsumer<double[], double[]>[] scaledOperatorAndPreconditioner(DenseMatrix a, AttentionOptions o) {
        AttentionInput.validate(a, new double[a.rows()], o);
        ScaledSystem s = new ScaledSystem(a, new double[a.rows()], o.ridge(), o.kernels());
        AttentionPreconditioner.Built p = AttentionRoutes.preconditioner(o.preconditioner()).build(s, o);
        @SuppressWarnings("unchecked")
        BiConsumer<double[], double[]>[] out = new BiConsumer[] {(BiConsumer<double[], double[]>) s::scaledProduct,
            (BiConsumer<double[], double[]>) p.inverse()::apply};
        return out;
    }
}
