package akr.solvers.attention;

/**
 * The iterative route: build the preconditioner, then {@link RefinedPcg} on the scaled system (on
 * K + λI for NONE), with the exact residual reported.
 */
final class PcgRoute implements AttentionRoute {

    private final AttentionPreconditioner preconditioner;

    PcgRoute(AttentionPreconditioner preconditioner) {
        this.preconditioner = preconditioner;
    }

    @Override
    public Preconditioner kind() {
        return preconditioner.kind();
    }

    AttentionPreconditioner preconditioner() {
        return preconditioner;
    }

    @Override
    public AttentionResult solve(ScaledSystem s, AttentionOptions o, long startNanos) {
        long t = System.nanoTime();
        AttentionPreconditioner.Built p = preconditioner.build(s, o);
        double preconditionerSeconds = AttentionSolver.seconds(t);
        t = System.nanoTime();
        RefinedPcg.Outcome out = RefinedPcg.solve(s, p.inverse(), p.scaled(), o);
        double iterateSeconds = AttentionSolver.seconds(t);
        return new AttentionResult(out.x(), out.relativeResidual(), out.iterations(),
                out.relativeResidual() <= o.tolerance(), p.kind(), p.rank(), p.shift(), p.sketchDegree(),
                out.conditionEstimate(),
                new AttentionResult.Timings(preconditionerSeconds, iterateSeconds, AttentionSolver.seconds(startNanos)));
    }
}
