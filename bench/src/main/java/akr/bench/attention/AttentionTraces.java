package akr.bench.attention;

import akr.bench.TraceRecorder;
import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Residual against iteration of each attention-kernel preconditioner, for the report's convergence
 * plots: solves the problems of {@link AttentionProblems} (the ones {@link AttentionSolverBench}
 * times) once per preconditioner with a {@link TraceRecorder} as the progress listener and prints
 * one trace line each (format: {@link TraceRecorder}). The recorded value is PCG's recurrence
 * residual ‖c − H·y‖/‖c‖ of the system it iterates on — the Gaussian-scaled one, except for
 * {@code none}, which is plain CG on K + λI — including the refinement sweeps; the label carries the
 * final residual ‖(K + λI)x − b‖/‖b‖ recomputed with the exact operator.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar akr.bench.attention.AttentionTraces \
 *     [--precond none,jacobi,sketch,rpcholesky] [--scaling attention,randn] [--max-iter 150]
 *     [--limit PRECOND=N ...] [n d ...]</pre>
 * Default: n = 8192, d = 64, tolerance 10⁻¹⁰, 2 threads, at most {@code --max-iter} iterations, or N
 * for a preconditioner given a {@code --limit} (bench/run stops {@code none}, plain CG on K, which
 * stagnates, earlier to save time). Run by {@code bench/run}.
 */
public final class AttentionTraces {

    private AttentionTraces() {
    }

    public static void main(String[] args) {
        List<int[]> shapes = new ArrayList<>();
        String[] preconds = {"none", "jacobi", "sketch", "rpcholesky"};
        String[] scalings = {"attention", "randn"};
        int maxIter = 150;
        Map<String, Integer> limits = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
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
                for (String p : preconds) {
                    TraceRecorder rec = new TraceRecorder();
                    AttentionResult r;
                    try (Kernels kernels = Kernels.defaults().withThreads(2)) {
                        AttentionOptions o = AttentionOptions.builder().ridge(in.ridge())
                                .preconditioner(Preconditioner.parse(p)).kernels(kernels)
                                .maxIterations(limits.getOrDefault(p, maxIter))
                                .listener(rec).build();
                        r = AttentionSolver.solve(in.a(), in.b(), o);
                    } catch (IllegalArgumentException e) {
                        System.err.println("AttentionTraces: " + id + " " + p + ": " + e.getMessage());
                        continue;
                    }
                    String label = String.format(Locale.ROOT, "%s%s: %d it., %s, final residual %.1e, %.2f s", p,
                            p.equals("none") ? " (unscaled K)" : "", r.iterations(),
                            r.converged() ? "converged" : "not converged", r.relativeResidual(), r.timings().totalSeconds());
                    Map<String, Object> extra = new LinkedHashMap<>();
                    extra.put("solver", "AttentionSolverBench.solve");
                    extra.put("n", n);
                    extra.put("d", d);
                    extra.put("scaling", scaling);
                    extra.put("ridge", in.ridge());
                    extra.put("precond", p);
                    extra.put("iterations", r.iterations());
                    extra.put("converged", r.converged());
                    extra.put("relative_residual", r.relativeResidual());
                    extra.put("seconds", r.timings().totalSeconds());
                    System.out.println(rec.json(id, title, label, extra));
                }
            }
        }
    }
}
