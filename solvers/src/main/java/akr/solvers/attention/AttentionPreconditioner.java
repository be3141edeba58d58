package akr.solvers.attention;

import akr.solvers.iterative.LinearOperator;

/**
 * One way of preconditioning PCG on the scaled system (G + λD⁻²)·y = D⁻¹b of a
 * {@link ScaledSystem}: the strategy behind each iterative {@link Preconditioner}. Made by
 * {@link AttentionRoutes}; {@link PcgRoute} builds it once per solve and hands the result to
 * {@link RefinedPcg}.
 */
interface AttentionPreconditioner {

    /** The option this strategy implements (AUTO for the adaptive one). */
    Preconditioner kind();

    /** Builds P⁻¹ for the system, on the system's kernel context. */
    Built build(ScaledSystem system, AttentionOptions options);

    /**
     * A built preconditioner.
     *
     * @param kind         the preconditioner that runs (never AUTO)
     * @param inverse      r ↦ P⁻¹r, symmetric positive definite
     * @param rank         columns of the low-rank factor (0 without one)
     * @param shift        μ of the low-rank preconditioners (NaN without one)
     * @param sketchDegree Taylor degree q of the sketch features (0 otherwise)
     * @param rankStop     why the low-rank factor has its rank (NONE without one)
     * @param growth       how to make it larger when PCG converges too slowly (null: it cannot grow)
     */
    record Built(Preconditioner kind, LinearOperator inverse, int rank, double shift, int sketchDegree,
                 RankStop rankStop, Growth growth) {

        Built(Preconditioner kind, LinearOperator inverse, int rank, double shift, int sketchDegree,
              RankStop rankStop) {
            this(kind, inverse, rank, shift, sketchDegree, rankStop, null);
        }

        /** A preconditioner without a low-rank part. */
        static Built plain(Preconditioner kind, LinearOperator inverse) {
            return new Built(kind, inverse, 0, Double.NaN, 0, RankStop.NONE);
        }

        /** Whether PCG runs on the scaled system; NONE runs on the unscaled K + λI. */
        boolean scaled() {
            return kind != Preconditioner.NONE;
        }
    }

    /**
     * A low-rank preconditioner's way to grow (it exists only when the factor can grow): {@link PcgRoute}
     * asks for it when PCG's observed convergence predicts more iteration time than a larger factor costs.
     *
     * @param seconds          estimated seconds to grow the factor and rebuild the preconditioner
     * @param iterationSeconds estimated seconds of one PCG iteration (the product and this preconditioner)
     * @param larger           makes the larger preconditioner; the one this growth belongs to must not be
     *                         applied afterwards
     */
    record Growth(double seconds, double iterationSeconds, java.util.function.Supplier<Built> larger) {

        Built grow() {
            return larger.get();
        }
    }
}
