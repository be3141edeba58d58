package akr.solvers.attention;

import akr.kernels.DenseMatrix;

/**
 * {@link Preconditioner#SKETCH}, the paper's route: Taylor features Z with Z·Zᵀ ≈ K
 * ({@link ExpTaylorFeatures}), scaled to F = D⁻¹Z, and P = F·Fᵀ + λD⁻² + μI applied by Woodbury
 * ({@link LowRankPreconditioner}). The degree q, the split of the rank budget k among the degrees
 * and μ follow the rules of {@link ExpTaylorFeatures} unless the options give them.
 */
final class SketchPreconditioner implements AttentionPreconditioner {

    @Override
    public Preconditioner kind() {
        return Preconditioner.SKETCH;
    }

    @Override
    public Built build(ScaledSystem s, AttentionOptions o) {
        int d = s.a.cols();
        int q = o.sketchDegree().orElseGet(() -> ExpTaylorFeatures.defaultDegree(s.halfNorms));
        int budget = Math.max(o.effectiveRank(s.n), 1 + d); // the exact degrees 0 and 1 always fit
        int[] sizes = ExpTaylorFeatures.sketchSizes(budget, d, q);
        DenseMatrix f = ExpTaylorFeatures.scaledFeatures(s.a, s.halfNorms, sizes, o.seed(), s.kernels);
        double shift = o.shift().orElseGet(() -> ExpTaylorFeatures.defaultShift(f, d, sizes));
        return LowRankPreconditioner.shifted(Preconditioner.SKETCH, f, s, shift, 1 + sizes.length, RankStop.FIXED);
    }
}
