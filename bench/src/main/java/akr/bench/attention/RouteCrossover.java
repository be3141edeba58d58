package akr.bench.attention;

import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionSolver;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The route {@link akr.solvers.attention.Route#AUTO} takes ({@link AttentionSolver#chooseRoute}) by n,
 * d and memory budget, for the report's table "attention: route chosen by n and memory budget": d ∈
 * {16, 64}, n from 500 to 131072, one right-hand side, preconditioner auto, under the default budget
 * of the JVM it runs in (half its maximum heap; bench/run gives it AttentionSolverBench's 8 GB) and
 * under 1, 4 and 16 GB. Solves nothing: one JSON line {"route_choice": {...}} per case, in well under
 * a second.
 *
 * <pre>java -Xmx8g -cp bench/target/benchmarks.jar akr.bench.attention.RouteCrossover [d ...]</pre>
 */
public final class RouteCrossover {

    static final int[] NS = {500, 1000, 2000, 4096, 8192, 16384, 32768, 65536, 131072};
    static final long[] BUDGETS_GB = {1, 4, 16};

    private RouteCrossover() {
    }

    public static void main(String[] args) {
        int[] ds = args.length == 0 ? new int[] {16, 64} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        long heap = Runtime.getRuntime().maxMemory();
        for (int d : ds) {
            // the default budget first (what a solve in this JVM gets), then the fixed ones
            print(d, String.format(Locale.ROOT, "JVM default: half of the %.1f GB heap", heap / 1e9), AttentionOptions.defaults());
            for (long gb : BUDGETS_GB) {
                print(d, gb + " GB", AttentionOptions.builder().memoryLimitBytes(gb * 1_000_000_000L).build());
            }
        }
    }

    private static void print(int d, String budget, AttentionOptions o) {
        for (int n : NS) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("d", d);
            c.put("n", n);
            c.put("budget", budget);
            c.put("budget_bytes", o.effectiveMemoryLimit());
            c.put("route", AttentionSolver.chooseRoute(n, d, 1, o).key());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("route_choice", c);
            System.out.println(AttentionRuns.json(line));
        }
    }
}
