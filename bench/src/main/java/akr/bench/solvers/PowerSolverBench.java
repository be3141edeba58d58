package akr.bench.solvers;

import akr.kernels.Kernels;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
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
 * The power solvers end to end (sketch, factor, iterate, residual recomputation) on the problems of
 * {@link PowerProblems}: lstsq-power j = 0 and 2, gram-power j = 2, every method, 2 threads.
 * Peers (numpy.linalg.lstsq, the normal equations, numpy QR) on the same matrices:
 * {@code bench/peers/solvers.py}. Accuracy per method: {@link PowerAccuracy}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms6g", "-Xmx6g"})
public class PowerSolverBench {

    /**
     * The target shapes; the crossover table as d grows runs 100000x{64,128,256,512}
     * (bench/notes/2026-12-01-power-solvers.md).
     */
    @Param({"1000000x64", "100000x512"})
    public String shape;

    @Param({"lstsq-0", "lstsq-2", "gram-2"})
    public String problem;

    @Param({"auto", "normal", "cholqr", "lsqr", "gd", "direct"})
    public String method;

    private PowerProblems.Instance in;
    private Kernels kernels;
    private PowerOptions options;
    private boolean lstsq;

    @Setup(Level.Trial)
    public void setup() {
        String[] nd = shape.split("x");
        String[] pj = problem.split("-");
        lstsq = pj[0].equals("lstsq");
        in = PowerProblems.instance(Integer.parseInt(nd[0]), Integer.parseInt(nd[1]), Integer.parseInt(pj[1]));
        kernels = Kernels.defaults().withThreads(2);
        options = PowerOptions.builder().method(Method.parse(method)).kernels(kernels).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        kernels.close();
    }

    @Benchmark
    public PowerResult solve() {
        return lstsq ? PowerSolver.lstsqPower(in.a(), in.bLstsq(), in.power(), options)
                : PowerSolver.gramPower(in.a(), in.bGram(), in.power(), options);
    }
}
