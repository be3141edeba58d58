package akr.spark;

import akr.solvers.power.Method;
import akr.solvers.power.PowerResult;

import java.util.Locale;

/**
 * The outcome of a distributed power solve, with the same meaning as one machine's
 * {@link PowerResult} plus what distribution adds. Immutable: {@link #x()} returns a copy.
 *
 * @param relativeResidual        ‖M·x − b‖/‖b‖ recomputed with the exact (distributed) operator
 * @param normalEquationResidual  ‖Mᵀ(Mx − b)‖/(‖M‖·‖Mx − b‖) for lstsq-power, NaN for gram-power
 * @param corrections             semi-normal corrections run (0 for gram-power)
 * @param converged               whether the recomputed residual meets the tolerance
 * @param method                  the route that ran (CHOLQR or NORMAL)
 * @param timings                 sketch, factor (Cholesky-QR pass and driver factorisations),
 *                                iterate (corrections, powers) and total seconds, as one machine's
 * @param conditionPreconditioned estimate of κ(A·R_s⁻¹), NaN without a sketch
 * @param conditionA              estimate of κ(A)
 * @param sketchBitIdentical      whether S·A was bit-identical to one machine's (see
 *                                {@link DistributedSketch}); false without a sketch
 * @param passes                  distributed passes over A
 */
public record SparkPowerResult(double[] x, double relativeResidual, double normalEquationResidual, int corrections,
                               boolean converged, Method method, PowerResult.Timings timings,
                               double conditionPreconditioned, double conditionA, boolean sketchBitIdentical,
                               int passes) {

    public SparkPowerResult {
        x = x.clone();
    }

    /** A copy of the solution. */
    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SparkPowerResult[method=%s, converged=%b, corrections=%d, relativeResidual=%.3e,"
                        + " normalEquationResidual=%.3e, conditionA=%.3e, sketchBitIdentical=%b, passes=%d, %s]",
                method.key(), converged, corrections, relativeResidual, normalEquationResidual, conditionA,
                sketchBitIdentical, passes, timings);
    }
}
