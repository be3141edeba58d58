package akr.spark;

import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.Preconditioner;

import java.util.Locale;

/**
 * The outcome of a distributed attention solve, with the meaning of one machine's
 * {@link AttentionResult}. Immutable: {@link #x()} returns a copy.
 *
 * @param relativeResidual ‖(K + λI)x − b‖/‖b‖ recomputed with the exact (distributed) operator
 * @param iterations       PCG iterations over all refinement rounds
 * @param converged        whether the recomputed residual meets the tolerance
 * @param preconditioner   the preconditioner that ran (never AUTO)
 * @param rank             columns of its low-rank factor (0 without one)
 * @param shift            its μ (NaN without one)
 * @param timings          preconditioner (driver), iterate (PCG with distributed products), total
 * @param products         distributed products with K (one Spark job each)
 * @param partitions       partitions the rows of K were split into
 */
public record SparkAttentionResult(double[] x, double relativeResidual, int iterations, boolean converged,
                                   Preconditioner preconditioner, int rank, double shift,
                                   AttentionResult.Timings timings, int products, int partitions) {

    public SparkAttentionResult {
        x = x.clone();
    }

    /** A copy of the solution. */
    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SparkAttentionResult[preconditioner=%s, rank=%d, converged=%b, iterations=%d,"
                        + " relativeResidual=%.3e, products=%d, partitions=%d, %s]", preconditioner.key(), rank, converged,
                iterations, relativeResidual, products, partitions, timings);
    }
}
