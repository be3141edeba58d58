package akr.bench.attention;

import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Iterations, residual, condition estimate and phase times of each preconditioner on the benchmark
 * problems, one solve each, as JSON lines; {@code --write DIR} also writes the problems as .npy for
 * the scipy peer; {@code --precond p,q} restricts the preconditioners, {@code --scaling s} the
 * scalings, {@code --max-iter N} the PCG iterations (default 300).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar akr.bench.attention.AttentionAccuracy [--write DIR] [n d ...]</pre>
 */
public final class AttentionAccuracy {

    private AttentionAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path write = null;
        List<int[]> shapes = new ArrayList<>();
        String[] preconds = {"rpcholesky", "sketch", "jacobi", "none", "direct"};
        String[] scalings = {"attention", "randn"};
        int maxIter = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--write" -> write = Path.of(args[++i]);
                case "--precond" -> preconds = args[++i].split(",");
                case "--scaling" -> scalings = args[++i].split(",");
                case "--max-iter" -> maxIter = Integer.parseInt(args[++i]);
                default -> shapes.add(new int[] {Integer.parseInt(args[i]), Integer.parseInt(args[++i])});
            }
        }
        if (shapes.isEmpty()) {
            shapes.add(new int[] {8192, 64});
        }
        for (int[] s : shapes) {
            for (String scaling : scalings) {
                if (write != null) {
                    AttentionProblems.write(write, s[0], s[1], scaling);
                }
                AttentionProblems.Instance in = AttentionProblems.instance(s[0], s[1], scaling);
                for (String p : preconds) {
                    try (Kernels kernels = Kernels.defaults().withThreads(2)) {
                        AttentionOptions o = AttentionOptions.builder().ridge(in.ridge())
                                .preconditioner(Preconditioner.parse(p)).kernels(kernels).maxIterations(maxIter).build();
                        AttentionResult r = AttentionSolver.solve(in.a(), in.b(), o);
                        System.out.printf(Locale.ROOT, "{\"benchmark\": \"AttentionSolverBench.solve\", \"params\": {\"n\": %d, "
                                        + "\"d\": %d, \"scaling\": \"%s\", \"ridge\": %g, \"precond\": \"%s\"}, \"iterations\": %d, "
                                        + "\"relative_residual\": %.3e, \"converged\": %b, \"rank\": %d, \"shift\": %.3g, "
                                        + "\"condition_estimate\": %.3g, \"seconds\": {\"preconditioner\": %.3f, \"iterate\": %.3f, "
                                        + "\"total\": %.3f}}%n", s[0], s[1], scaling, in.ridge(), p, r.iterations(),
                                r.relativeResidual(), r.converged(), r.rank(), r.shift(), r.conditionEstimate(),
                                r.timings().preconditionerSeconds(), r.timings().iterateSeconds(),
                                r.timings().totalSeconds());
                    } catch (IllegalArgumentException e) {
                        System.out.printf(Locale.ROOT, "{\"benchmark\": \"AttentionSolverBench.solve\", \"params\": {\"n\": %d, "
                                + "\"d\": %d, \"scaling\": \"%s\", \"precond\": \"%s\"}, \"error\": \"%s\"}%n", s[0], s[1],
                                scaling, p, e.getMessage().replace("\"", "'"));
                    }
                }
            }
        }
    }
}
