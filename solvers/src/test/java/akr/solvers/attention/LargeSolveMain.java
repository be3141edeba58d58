package akr.solvers.attention;

import akr.kernels.DenseMatrix;

/**
 * Solves one attention problem of n points in d dimensions and prints its result; run by
 * {@link AttentionMemoryTest} in a JVM with a small heap. Arguments: n d maxIterations.
 */
public final class LargeSolveMain {

    private LargeSolveMain() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int d = Integer.parseInt(args[1]);
        int iterations = Integer.parseInt(args[2]);
        DenseMatrix a = AttentionProblems.points(n, d, true, 3);
        double[] b = AttentionProblems.gaussian(n, 4);
        AttentionResult r = AttentionSolver.solve(a, b, AttentionOptions.builder().ridge(1e-2)
                .maxIterations(iterations).build());
        double sum = 0;
        for (double v : r.x()) {
            sum += Math.abs(v);
        }
        System.out.println("route=" + r.route().key() + " preconditioner="
                + r.preconditioner().map(Preconditioner::key).orElse("-") + " rank=" + r.rank() + " rankStop="
                + r.rankStop().key() + " memoryBytes=" + r.memoryBytes() + " iterations="
                + r.iterations() + " residual=" + r.relativeResidual() + " converged=" + r.converged()
                + " finite=" + Double.isFinite(sum) + " maxHeapMB=" + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " seconds=" + r.timings().totalSeconds());
    }
}
