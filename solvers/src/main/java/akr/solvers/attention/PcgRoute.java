package akr.solvers.attention;

import java.util.Locale;

/**
 * The iterative routes: optionally store H = G + λD⁻² once ({@link Route#MATERIALISED}, else the
 * fused operator is applied each iteration, {@link Route#MATRIX_FREE}), build the preconditioner,
 * then {@link RefinedPcg} on the scaled system (on K + λI for NONE, matrix-free only), with the exact
 * residual reported. A low-rank preconditioner of adaptive rank is doubled while PCG's observed
 * convergence predicts that its remaining iterations cost more than the growth (or would not fit the
 * iteration limit); PCG then goes on from its iterates.
 */
final class PcgRoute implements AttentionRoute {

    private final Route route;
    private final AttentionPreconditioner preconditioner;

    PcgRoute(Route route, AttentionPreconditioner preconditioner) {
        if (route != Route.MATERIALISED && route != Route.MATRIX_FREE) {
            throw new IllegalArgumentException("not an iterative route: " + route);
        }
        this.route = route;
        this.preconditioner = preconditioner;
    }

    @Override
    public Route route() {
        return route;
    }

    AttentionPreconditioner preconditioner() {
        return preconditioner;
    }

    @Override
    public AttentionResult solve(ScaledSystem s, AttentionOptions o, long startNanos) {
        double matrixSeconds = 0;
        if (route == Route.MATERIALISED) {
            if (preconditioner.kind() == Preconditioner.NONE) {
                throw new IllegalArgumentException("the none preconditioner runs on the unscaled K + λI, which is"
                        + " applied matrix-free only; use the matrix-free route or another preconditioner");
            }
            long need = MemoryBudget.materialisedBytes(s.n) + MemoryBudget.vectorBytes(s.n, s.columns());
            if (need > o.effectiveMemoryLimit()) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "the materialised route stores the %dx%d matrix's triangle: %.2f GB, more than the memory"
                                + " budget of %.2f GB; use the matrix-free route (or a larger --memory)", s.n, s.n,
                        need / 1e9, o.effectiveMemoryLimit() / 1e9));
            }
            long t = System.nanoTime();
            s.materialise();
            matrixSeconds = AttentionSolver.seconds(t);
        }
        long t = System.nanoTime();
        AttentionPreconditioner.Built p = preconditioner.build(s, o);
        double preconditionerSeconds = AttentionSolver.seconds(t);
        double iterateSeconds = 0;
        RefinedPcg pcg = new RefinedPcg(s, p.scaled(), o);
        while (true) {
            t = System.nanoTime();
            AttentionPreconditioner.Growth growth = p.growth();
            boolean done = pcg.run(p.inverse(), growth);
            iterateSeconds += AttentionSolver.seconds(t);
            if (done) {
                break;
            }
            t = System.nanoTime();
            p = growth.grow(); // PCG converged too slowly for this factor: double it, go on from the iterates
            preconditionerSeconds += AttentionSolver.seconds(t);
        }
        t = System.nanoTime();
        RefinedPcg.Outcome out = pcg.finish();
        iterateSeconds += AttentionSolver.seconds(t);
        long bytes = s.matrix().bytes() + 8L * s.n * p.rank() + 8L * p.rank() * p.rank()
                + MemoryBudget.vectorBytes(s.n, s.columns());
        return AttentionResult.builder(out.x(), out.relativeResidual(), out.iterations(), route, o.tolerance())
                .preconditioner(p)
                .conditionEstimate(out.conditionEstimate())
                .bytes(bytes)
                .timings(matrixSeconds, preconditionerSeconds, iterateSeconds, AttentionSolver.seconds(startNanos))
                .build();
    }
}
