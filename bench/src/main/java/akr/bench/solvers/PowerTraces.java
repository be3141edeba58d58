package akr.bench.solvers;

import akr.bench.TraceRecorder;
import akr.kernels.Kernels;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Residual against iteration of the power solvers' iterative methods, for the report's convergence
 * plots: solves the problems of {@link PowerProblems} (the ones {@link PowerSolverBench} times) once
 * per method with a {@link TraceRecorder} as the progress listener and prints one trace line each
 * (format: {@link TraceRecorder}); a method that ran no iteration (e.g. cholqr on gram-power) prints
 * nothing. The recorded value is each method's own running estimate, over all its phases in order:
 * for least squares, LSQR's min(‖Mᵀr‖/(‖M‖‖r‖), ‖r‖/‖b‖) on M = A·P⁻¹ (P = R_s for lsqr, the
 * Cholesky-QR R for cholqr) and the preconditioned gradient descent's min(‖R_s⁻ᵀAᵀr‖/‖r‖, ‖r‖/‖b‖);
 * for each (AᵀA)⁻¹ stage the relative residual of AᵀA·y = c. The label carries the final residual
 * recomputed with the exact operator.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar akr.bench.solvers.PowerTraces \
 *     [--problem lstsq-0,gram-2] [--method gd,lsqr] [n d ...]</pre>
 * Default: 10⁶×64, 2 threads. Run by {@code bench/run}.
 */
public final class PowerTraces {

    private PowerTraces() {
    }

    public static void main(String[] args) {
        List<int[]> shapes = new ArrayList<>();
        String[] problems = {"lstsq-0", "gram-2"};
        String[] methods = {"gd", "lsqr"};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--problem" -> problems = args[++i].split(",");
                case "--method" -> methods = args[++i].split(",");
                default -> shapes.add(new int[] {Integer.parseInt(args[i]), Integer.parseInt(args[++i])});
            }
        }
        if (shapes.isEmpty()) {
            shapes.add(new int[] {1_000_000, 64});
        }
        try (Kernels kernels = Kernels.defaults().withThreads(2)) { // 2 threads, as PowerSolverBench
            for (int[] s : shapes) {
                int n = s[0];
                int d = s[1];
                boolean cached = System.getenv(PowerProblems.CACHE_ENV) != null;
                SyntheticProblem matrix = null; // without the cache, one A per shape (b and x* depend on j)
                for (String problem : problems) {
                    boolean lstsq = problem.startsWith("lstsq");
                    int j = Integer.parseInt(problem.substring(problem.indexOf('-') + 1));
                    if (!cached && matrix == null) {
                        matrix = PowerProblems.matrix(n, d);
                    }
                    PowerProblems.Instance in = cached ? PowerProblems.instance(n, d, j) : PowerProblems.instance(matrix, j);
                    String id = "power-" + n + "x" + d + "-" + problem;
                    String title = String.format(Locale.ROOT, "%s, j = %d, A %d×%d, κ(A) = %.0e: residual estimate per"
                                    + " iteration", lstsq ? "min ‖A(AᵀA)ʲx − b‖" : "min ‖(AᵀA)ʲx − b‖", j, n, d,
                            PowerProblems.KAPPA);
                    for (String ms : methods) {
                        Method m = Method.parse(ms);
                        TraceRecorder rec = new TraceRecorder();
                        PowerOptions o = PowerOptions.builder().method(m).kernels(kernels).listener(rec).build();
                        PowerResult r = lstsq ? PowerSolver.lstsqPower(in.a(), in.bLstsq(), j, o)
                                : PowerSolver.gramPower(in.a(), in.bGram(), j, o);
                        if (rec.size() == 0) {
                            continue;
                        }
                        String label = String.format(Locale.ROOT, "%s: %d it., %s, final residual %.1e, %.2f s", m.key(),
                                r.totalIterations(), r.converged() ? "converged" : "not converged", r.relativeResidual(),
                                r.timings().totalSeconds());
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("solver", "PowerSolverBench.solve");
                        extra.put("shape", n + "x" + d);
                        extra.put("problem", problem);
                        extra.put("method", m.key());
                        extra.put("iterations", r.totalIterations());
                        extra.put("converged", r.converged());
                        extra.put("relative_residual", r.relativeResidual());
                        extra.put("seconds", r.timings().totalSeconds());
                        System.out.println(rec.json(id, title, label, extra));
                    }
                }
            }
        }
    }
}
