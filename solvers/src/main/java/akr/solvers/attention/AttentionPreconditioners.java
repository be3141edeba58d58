package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.solvers.iterative.LinearOperator;

/**
 * The preconditioners of {@link AttentionSolver}, built on their own for solvers that apply K
 * elsewhere (akr-spark applies it across a cluster and runs PCG on the driver with the same
 * preconditioner). Building needs A and O(n·k·d) work (diagonal and k columns of the kernel),
 * never a product with the whole K.
 */
public final class AttentionPreconditioners {

    private AttentionPreconditioners() {
    }

    /**
     * A built preconditioner of the scaled system (G + λD⁻²)·y = D⁻¹b (of K + λI itself when
     * {@code scaled} is false, for NONE).
     *
     * @param kind         the preconditioner that runs (never AUTO)
     * @param inverse      r ↦ P⁻¹r, symmetric positive definite, of order n
     * @param scaled       whether PCG runs on the scaled system (false only for NONE)
     * @param rank         columns of the low-rank factor (0 without one)
     * @param shift        μ of the low-rank preconditioners (NaN without one)
     * @param sketchDegree Taylor degree q of the sketch features (0 otherwise)
     * @param rankStop     why the low-rank factor has its rank (NONE without one)
     */
    public record Built(Preconditioner kind, LinearOperator inverse, boolean scaled, int rank, double shift,
                        int sketchDegree, RankStop rankStop) {
    }

    /**
     * Validates (A, b, options) as {@link AttentionSolver#solve} does and builds the preconditioner
     * of {@code options.preconditioner()} on {@code options.kernels()}, from the fused operator
     * (a factor of adaptive rank sizes itself to the options' memory budget).
     *
     * @throws IllegalArgumentException on bad input
     * @throws SingularKernelException  when K + λI is singular (duplicate rows with λ = 0)
     */
    public static Built build(DenseMatrix a, double[] b, AttentionOptions options) {
        AttentionInput.validate(a, b, options);
        ScaledSystem s = new ScaledSystem(a, b, options.ridge(), options.kernels());
        AttentionPreconditioner.Built p = AttentionRoutes.preconditioner(options.preconditioner()).build(s, options);
        return new Built(p.kind(), p.inverse(), p.scaled(), p.rank(), p.shift(), p.sketchDegree(), p.rankStop());
    }
}
