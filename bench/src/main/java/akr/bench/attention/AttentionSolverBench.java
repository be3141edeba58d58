package akr.bench.attention;

import akr.kernels.Kernels;
import akr.kernels.packed.PackedSymmetric;
import akr.kernels.packed.SymmetricProduct;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Attention kernel regression end to end (validation, stored matrix, preconditioner, PCG or
 * Cholesky, exact residual) on the problems of {@link AttentionProblems}: n = 2000, 8192 and 16384,
 * d = 64, the attention scaling with λ = 0 and randn/√d with λ = 10⁻², each {@link Route} and each
 * preconditioner, tolerance 10⁻¹⁰, 2 threads, in forks of at most 8 GB heap (memory budget: half,
 * 4 GB, so the dense route's 2.1 GB at n = 16384 fits). The heap is not pre-sized (no -Xms): as in a
 * user's JVM it grows and reuses its regions, where a pre-sized one hands each solve never-touched
 * memory whose first touch costs seconds per GB on this VM (bench/notes/2026-12-05-attention-routes.md). n = 32768 is left out of the default set: only the
 * matrix-free route fits there, minutes per solve ({@code -p n=32768 -p route=matrix-free}).
 *
 * <p><b>Combinations that make no sense</b> ({@link #notApplicable}): the dense route with any
 * preconditioner but {@code auto} (it ignores the preconditioner, so it is measured once), the
 * stored routes with {@code none} (refused by the library: {@code none} iterates on the unscaled
 * K + λI, matrix-free only), and a stored route whose matrix exceeds the fork's budget. JMH cannot
 * skip a parameter combination, so the trial setup refuses them with the reason, and no profile of
 * {@code bench/run} asks for them: {@code bench/quick.params}, {@code bench/smoke.params} and
 * {@code bench/full.params} give one line (one JMH invocation) per applicable product of values.
 * A refused combination leaves no JMH row; the report shows only what ran.
 *
 * <p>Iterations, residuals, ranks and phase times: {@link AttentionAccuracy}; the route AUTO takes by n
 * and budget: {@link RouteCrossover}; the scipy peer (materialise K, cho_factor/cho_solve):
 * {@code bench/peers/attention.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx8g"})
public class AttentionSolverBench {

    /** PCG's n-vectors per right-hand side in the library's memory count (solvers' MemoryBudget). */
    private static final int VECTORS_PER_COLUMN = 10;

    @Param({"2000", "8192", "16384"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"attention", "randn"})
    public String scaling;

    @Param({"auto", "dense", "materialised", "matrix-free"})
    public String route;

    @Param({"auto", "rpcholesky", "sketch", "jacobi", "none"})
    public String precond;

    private AttentionProblems.Instance in;
    private AttentionOptions options;
    private Kernels kernels;

    @Setup(Level.Trial)
    public void setup() {
        Route r = Route.parse(route);
        Preconditioner p = Preconditioner.parse(precond);
        AttentionOptions probe = AttentionOptions.builder().route(r).preconditioner(p).build();
        String why = notApplicable(n, r, p, probe.effectiveMemoryLimit());
        if (why != null) {
            throw new IllegalStateException("AttentionSolverBench n=" + n + " route=" + route + " precond=" + precond
                    + " is not applicable (" + why + "); bench/run's params files never ask for it");
        }
        in = AttentionProblems.instance(n, d, scaling);
        kernels = Kernels.defaults().withThreads(2);
        options = probe.toBuilder().ridge(in.ridge()).kernels(kernels).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (kernels != null) {
            kernels.close();
        }
    }

    @Benchmark
    public AttentionResult solve() {
        return AttentionSolver.solve(in.a(), in.b(), options);
    }

    /**
     * Why a route and preconditioner make no sense for one right-hand side of n points under a
     * memory budget, or null when they do: the dense route measured with anything but {@code auto}
     * (it ignores the preconditioner), {@code none} on a stored route (refused by the library), or
     * a stored matrix beyond the budget (the library's count: the matrix plus PCG's vectors).
     */
    static String notApplicable(int n, Route route, Preconditioner precond, long budgetBytes) {
        if (route == Route.DENSE && precond != Preconditioner.AUTO) {
            return "the dense route ignores the preconditioner: it is measured once, with precond=auto";
        }
        if (route == Route.MATERIALISED && precond == Preconditioner.NONE) {
            return "none iterates on the unscaled K + λI, which only the matrix-free route applies";
        }
        long vectors = 8L * VECTORS_PER_COLUMN * n;
        long need = switch (route) {
            case DENSE -> 8L * n * n + vectors;
            case MATERIALISED -> n > PackedSymmetric.MAX_N ? Long.MAX_VALUE
                    : PackedSymmetric.bytes(n) + 8L * SymmetricProduct.MAX_PARTS * n + vectors;
            default -> 0;
        };
        if (need > budgetBytes) {
            return String.format(Locale.ROOT, "the %s route needs %.2f GB, more than the fork's memory budget of %.2f GB",
                    route.key(), need / 1e9, budgetBytes / 1e9);
        }
        return null;
    }
}
