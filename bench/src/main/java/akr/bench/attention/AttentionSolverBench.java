package akr.bench.attention;

import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
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

import java.util.concurrent.TimeUnit;

/**
 * Attention kernel regression end to end (validation, preconditioner, PCG, exact residual) on the
 * problems of {@link AttentionProblems}: n = 8192 and 32768, d = 64, the attention scaling with
 * λ = 0 and randn/√d with λ = 10⁻², the default (auto) and each preconditioner, tolerance 10⁻¹⁰,
 * 2 threads. The direct route (n²·8 bytes) is only run where it fits (n = 8192). Iterations and residuals:
 * {@link AttentionAccuracy}; the scipy peer (materialise K, cho_factor/cho_solve):
 * {@code bench/peers/attention.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class AttentionSolverBench {

    @Param({"8192", "32768"})
    public int n;

    @Param({"64"})
    public int d;

    @Param({"attention", "randn"})
    public String scaling;

    @Param({"auto", "rpcholesky", "sketch", "jacobi", "none", "direct"})
    public String precond;

    private AttentionProblems.Instance in;
    private AttentionOptions options;
    private Kernels kernels;

    @Setup(Level.Trial)
    public void setup() {
        in = AttentionProblems.instance(n, d, scaling);
        kernels = Kernels.defaults().withThreads(2);
        options = AttentionOptions.builder().ridge(in.ridge()).preconditioner(Preconditioner.parse(precond))
                .kernels(kernels).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
    }

    @Benchmark
    public AttentionResult solve() {
        return AttentionSolver.solve(in.a(), in.b(), options);
    }
}
