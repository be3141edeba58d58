package akr.bench.attention;

import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Route, preconditioner, rank and why it stopped, iterations, residual, condition estimate, memory
 * held and phase times of each route and preconditioner on the benchmark problems, one solve each,
 * as JSON lines; {@code --write DIR} also writes the problems as .npy for the scipy peer;
 * {@code --route r,s} restricts the routes (default dense, materialised, matrix-free; {@code auto}
 * allowed), {@code --precond p,q} the preconditioners of the iterative routes (the dense route ignores
 * them and runs once), {@code --scaling s} the scalings, {@code --max-iter N} the PCG iterations
 * (default 300). A pair that makes no sense ({@link AttentionSolverBench#notApplicable}: {@code none}
 * on a stored route, a matrix beyond the budget of half the heap) prints a line with {@code "skipped"}.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx8g -cp bench/target/benchmarks.jar akr.bench.attention.AttentionAccuracy \
 *     [--write DIR] [--route dense,materialised,matrix-free] [--precond rpcholesky,sketch,jacobi,none] [n d ...]</pre>
 */
public final class AttentionAccuracy {

    private AttentionAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path write = null;
        List<int[]> shapes = new ArrayList<>();
        String[] routes = {"dense", "materialised", "matrix-free"};
        String[] preconds = {"rpcholesky", "sketch", "jacobi", "none"};
        String[] scalings = {"attention", "randn"};
        int maxIter = 300;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--write" -> write = Path.of(args[++i]);
                case "--route" -> routes = args[++i].split(",");
                case "--precond" -> preconds = args[++i].split(",");
                case "--scaling" -> scalings = args[++i].split(",");
                case "--max-iter" -> maxIter = Integer.parseInt(args[++i]);
                default -> shapes.add(new int[] {Integer.parseInt(args[i]), Integer.parseInt(args[++i])});
            }
        }
        if (shapes.isEmpty()) {
            shapes.add(new int[] {8192, 64});
        }
        List<AttentionRuns.Case> cases = AttentionRuns.cases(routes, preconds);
        for (int[] s : shapes) {
            for (String scaling : scalings) {
                if (write != null) {
                    AttentionProblems.write(write, s[0], s[1], scaling);
                }
                AttentionProblems.Instance in = AttentionProblems.instance(s[0], s[1], scaling);
                for (AttentionRuns.Case c : cases) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("benchmark", "AttentionSolverBench.solve");
                    Map<String, Object> params = new LinkedHashMap<>();
                    params.put("n", s[0]);
                    params.put("d", s[1]);
                    params.put("scaling", scaling);
                    params.put("ridge", in.ridge());
                    params.put("route", c.route().key());
                    params.put("precond", c.precond().key());
                    line.put("params", params);
                    try (Kernels kernels = Kernels.defaults().withThreads(2)) {
                        AttentionOptions o = AttentionOptions.builder().ridge(in.ridge()).route(c.route())
                                .preconditioner(c.precond()).kernels(kernels).maxIterations(maxIter).build();
                        String why = AttentionSolverBench.notApplicable(s[0], c.route(), c.precond(),
                                o.effectiveMemoryLimit());
                        if (why != null) {
                            line.put("skipped", why);
                            System.out.println(AttentionRuns.json(line));
                            continue;
                        }
                        AttentionResult r = AttentionSolver.solve(in.a(), in.b(), o);
                        Map<String, Object> f = AttentionRuns.fields(r);
                        line.put("route", f.get("route"));
                        line.put("preconditioner", f.get("preconditioner"));
                        line.put("iterations", r.iterations());
                        line.put("relative_residual", r.relativeResidual());
                        line.put("converged", r.converged());
                        line.put("rank", r.rank());
                        line.put("rank_stop", f.get("rank_stop"));
                        line.put("shift", r.shift());
                        line.put("condition_estimate", r.conditionEstimate());
                        line.put("memory_bytes", r.memoryBytes());
                        Map<String, Object> seconds = new LinkedHashMap<>();
                        seconds.put("matrix", r.timings().matrixSeconds());
                        seconds.put("preconditioner", r.timings().preconditionerSeconds());
                        seconds.put("iterate", r.timings().iterateSeconds());
                        seconds.put("total", r.timings().totalSeconds());
                        line.put("seconds", seconds);
                    } catch (IllegalArgumentException e) {
                        line.put("error", e.getMessage());
                    }
                    System.out.println(AttentionRuns.json(line));
                }
            }
        }
    }
}
