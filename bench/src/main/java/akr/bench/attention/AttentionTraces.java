package akr.bench.attention;

import akr.bench.TraceRecorder;
import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Residual against iteration of each attention-kernel preconditioner, for the report's convergence
 * plots: solves the problems of {@link AttentionProblems} (the ones {@link AttentionSolverBench}
 * times) once per route and preconditioner with a {@link TraceRecorder} as the progress listener and
 * prints one trace line each (format: {@link TraceRecorder}), with the route and preconditioner that
 * ran ("-" for the dense route), the rank and why it stopped, the memory held and the phase times.
 * The recorded value is PCG's recurrence residual ‖c − H·y‖/‖c‖ of the system it iterates on — the
 * Gaussian-scaled one, except for {@code none}, which is plain CG on K + λI — including the
 * refinement sweeps; the label carries the final residual ‖(K + λI)x − b‖/‖b‖ recomputed with the
 * exact operator. The dense route (asked for, or AUTO's choice at small n) has no iterations: it is
 * traced once per problem, an empty series whose label gives its residual and time.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar akr.bench.attention.AttentionTraces \
 *     [--route auto|dense|materialised|matrix-free,...] [--precond none,jacobi,sketch,rpcholesky]
 *     [--scaling attention,randn] [--max-iter 150] [--limit PRECOND=N ...] [n d ...]</pre>
 * Default: route auto (the materialised route where it fits and wins, matrix-free for {@code none}),
 * n = 8192, d = 64, tolerance 10⁻¹⁰, 2 threads, at most {@code --max-iter} iterations, or N for a
 * preconditioner given a {@code --limit} (bench/run stops {@code none}, plain CG on K, which stagnates,
 * earlier to save time). Pairs that make no sense ({@link AttentionSolverBench#notApplicable}) are
 * left out with a note on stderr. Run by {@code bench/run}.
 */
public final class AttentionTraces {

    private AttentionTraces() {
    }

    public static void main(String[] args) {
        List<int[]> shapes = new ArrayList<>();
        String[] routes = {"auto"};
        String[] preconds = {"none", "jacobi", "sketch", "rpcholesky"};
        String[] scalings = {"attention", "randn"};
        int maxIter = 150;
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--route" -> routes = args[++i].split(",");
                case "--precond" -> preconds = args[++i].split(",");
                case "--scaling" -> scalings = args[++i].split(",");
                case "--max-iter" -> maxIter = Integer.parseInt(args[++i]);
                case "--limit" -> {
                    String[] kv = args[++i].split("=");
                    limits.put(kv[0], Integer.parseInt(kv[1]));
                }
                default -> shapes.add(new int[] {Integer.parseInt(args[i]), Integer.parseInt(args[++i])});
            }
        }
        if (shapes.isEmpty()) {
            shapes.add(new int[] {8192, 64});
        }
        List<AttentionRuns.Case> cases = AttentionRuns.cases(routes, preconds);
        for (int[] s : shapes) {
            int n = s[0];
            int d = s[1];
            for (String scaling : scalings) {
                AttentionProblems.Instance in = AttentionProblems.instance(n, d, scaling);
                String id = "attention-" + n + "x" + d + "-" + scaling;
                String title = String.format(Locale.ROOT, "Attention kernel regression, n = %d, d = %d, %s, λ = %s:"
                                + " PCG residual per iteration", n, d,
                        scaling.equals("attention") ? "A = randn·d^(-1/4)" : "A = randn/√d",
                        in.ridge() == 0 ? "0" : String.format(Locale.ROOT, "%.0e", in.ridge()));
                boolean denseTraced = false;
                for (AttentionRuns.Case c : cases) {
                    String p = c.precond().key();
                    TraceRecorder rec = new TraceRecorder();
                    AttentionResult r;
                    try (Kernels kernels = Kernels.defaults().withThreads(2)) {
                        AttentionOptions o = AttentionOptions.builder().ridge(in.ridge()).route(c.route())
                                .preconditioner(c.precond()).kernels(kernels)
                                .maxIterations(limits.getOrDefault(p, maxIter))
                                .listener(rec).build();
                        String why = AttentionSolverBench.notApplicable(n, c.route(), c.precond(), o.effectiveMemoryLimit());
                        if (why != null) {
                            System.err.println("AttentionTraces: " + id + " " + c.route().key() + "/" + p + " left out: " + why);
                            continue;
                        }
                        // the dense route's result is the same whatever the preconditioner: trace it once
                        boolean dense = AttentionSolver.chooseRoute(n, d, 1, o) == Route.DENSE;
                        if (dense && denseTraced) {
                            continue;
                        }
                        denseTraced |= dense;
                        r = AttentionSolver.solve(in.a(), in.b(), o);
                    } catch (IllegalArgumentException e) {
                        System.err.println("AttentionTraces: " + id + " " + c.route().key() + "/" + p + ": " + e.getMessage());
                        continue;
                    }
                    String label = r.route() == Route.DENSE
                            ? String.format(Locale.ROOT, "dense route (Cholesky, no iterations): final residual %.1e, %.2f s",
                                    r.relativeResidual(), r.timings().totalSeconds())
                            : String.format(Locale.ROOT, "%s%s, %s: %d it., %s, final residual %.1e, %.2f s",
                                    AttentionRuns.preconditioner(r), p.equals("none") ? " (unscaled K)" : "",
                                    r.route().key(), r.iterations(), r.converged() ? "converged" : "not converged",
                                    r.relativeResidual(), r.timings().totalSeconds());
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("solver", "AttentionSolverBench.solve");
                    extra.put("n", n);
                    extra.put("d", d);
                    extra.put("scaling", scaling);
                    extra.put("ridge", in.ridge());
                    extra.put("precond", p);
                    extra.put("route_asked", c.route().key());
                    extra.put("iterations", r.iterations());
                    extra.put("converged", r.converged());
                    extra.put("relative_residual", r.relativeResidual());
                    extra.putAll(AttentionRuns.fields(r));
                    System.out.println(rec.json(id, title, label, extra));
                }
            }
        }
    }
}
