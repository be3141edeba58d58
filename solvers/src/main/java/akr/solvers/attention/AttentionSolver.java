package akr.solvers.attention;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.expgram.ExpGramOverflowException;

import java.util.function.BiConsumer;

/**
 * Attention kernel regression (P3 and P3λ, docs/problems.md#p3-the-attention-kernel):
 * (K + λI)·x = b with K = exp(A·Aᵀ)
 * (exp entrywise), A n×d, b ∈ ℝⁿ, λ ≥ 0 — the minimiser of ‖(K + λI)x − b‖, which is 0 when K + λI
 * is non-singular. K is never formed.
 *
 * <p><b>Scaling.</b> With h_i = ‖a_i‖²/2 and D = diag(e^{h_i}), K = D·G·D where G is the Gaussian
 * kernel (entries exp(−‖a_i − a_j‖²/2) ∈ (0, 1], unit diagonal), and
 * D⁻¹(K + λI)D⁻¹ = G + λD⁻². The solver therefore solves
 * <pre>   (G + λD⁻²)·y = D⁻¹b,   x = D⁻¹y</pre>
 * — the same problem, symmetrically Jacobi-scaled, whose matrix entries never overflow — by
 * preconditioned conjugate gradients with the fused exp-Gram operator (one O(n²d) product per
 * iteration, O(nd) memory), and reports ‖(K + λI)x − b‖/‖b‖ recomputed with the exact operator K at
 * the end. Residuals of the two forms differ by the row weights e^{h_i}; when the recomputed residual
 * misses the tolerance although PCG met it, PCG is restarted from the current point with a tolerance
 * tightened by the observed ratio (at most {@value #REFINEMENTS} times, within the iteration limit).
 * The products G·y are evaluated as D⁻¹·K·(D⁻¹y) when all ‖a_i‖² ≤ 600 (faster per product,
 * equally accurate; see {@link ScaledSystem}), with the Gaussian-form kernel otherwise.
 *
 * <p><b>Parts.</b> {@link AttentionInput} validates, {@link ScaledSystem} holds the scaling and the
 * operators, {@link AttentionRoutes} picks the route of the option ({@link PcgRoute} with an
 * {@link AttentionPreconditioner}, or {@link DirectRoute}), {@link RefinedPcg} runs PCG with its
 * refinement rounds and {@link ExactResidual} recomputes the reported residual.
 *
 * <p><b>Preconditioners:</b> see {@link Preconditioner}. The low-rank ones use
 * P = F·Fᵀ + λD⁻² + μI applied through {@link LowRankPreconditioner} (Woodbury, O(n·k) per
 * application, O(n·k) memory); μ defaults to the mean uncaptured diagonal of G (RPCholesky:
 * trace(G − FFᵀ)/n; sketch: mean |1 − ‖f_i‖²|), floored at {@value #MIN_SHIFT}.
 *
 * <p><b>Bad input.</b> Non-finite entries, mismatched shapes and λ &lt; 0 are
 * {@link IllegalArgumentException}s. Rows with ‖a_i‖² ≥ ln(MAX_VALUE) ≈ 709.78 make K_ii = e^{‖a_i‖²}
 * (and so D² and the original problem) overflow: an IllegalArgumentException names them. With λ = 0,
 * duplicate rows make K exactly singular: a {@link SingularKernelException} names a duplicate pair
 * (the direct route also reports a failing Cholesky pivot the same way). Numerically singular K
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
     * @throws IllegalArgumentException on bad input (see the class comment) or a direct route beyond
     *                                  the memory limit
     * @throws SingularKernelException  when K + λI is singular (duplicate rows with λ = 0)
     */
    public static AttentionResult solve(DenseMatrix a, double[] b, AttentionOptions options) {
        long t0 = System.nanoTime();
        AttentionInput.validate(a, b, options);
        ScaledSystem system = new ScaledSystem(a, b, options.ridge(), options.kernels());
        return AttentionRoutes.route(options.preconditioner()).solve(system, options, t0);
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
     * preconditioner r ↦ P⁻¹r of the given options (not DIRECT), on the options' kernel context.
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
