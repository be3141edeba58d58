package akr.bench.ceiling;

import akr.bench.baseline.FmaPeak;
import akr.bench.baseline.MemoryPasses;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.simd.SimdSupport;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
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
 * This machine's physical limits measured from Java in the same run as the kernels, so that every
 * "fraction of peak" in the report is a ratio of two measurements rather than of a measurement and
 * a datasheet figure.
 *
 * <ul>
 *   <li>{@link #fmaPeak}: {@link FmaPeak}'s {@value #CHAINS} independent chains
 *       {@code acc ← a·b + acc} of {@link SimdSupport#DOUBLE} vectors per thread, all in registers,
 *       no memory traffic (see there why the accumulator is the addend). One operation performs
 *       {@code laneFmas} scalar fused multiply-adds per thread, i.e. {@code 2 · laneFmas · threads}
 *       flops whatever the vector width (the inner trip count is
 *       {@code laneFmas / (LANES · CHAINS)}).</li>
 *   <li>{@link #readPass}: one vectorised read of {@code n} doubles ({@code 8n} bytes), the same
 *       pass as {@link MemoryPasses#read}, which is the bandwidth baseline of the kernels.</li>
 *   <li>{@link #triad}: STREAM's triad {@code a ← b + s·c} over three arrays of {@code n} doubles,
 *       counted as STREAM does, {@code 24n} bytes (two reads and one write; the write-allocate
 *       read of {@code a} is not counted).</li>
 * </ul>
 *
 * The default {@code n = 2²⁴} (128 MB per array) is far beyond any last-level cache. Work is split
 * over a private {@link ParallelExecutor} of {@code threads} threads with one chunk per thread for
 * the FMA peak and 32 fixed chunks for the memory passes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class CeilingBench {

    /** Independent accumulator chains per thread in {@link #fmaPeak}: {@link FmaPeak}'s. */
    public static final int CHAINS = FmaPeak.CHAINS;

    private static final VectorSpecies<Double> S = SimdSupport.DOUBLE;
    private static final int MEMORY_CHUNKS = 32;

    /**
     * Scalar FMAs per thread per operation of {@link #fmaPeak}; a multiple of 12 · 8. About 10 ms
     * per operation, so that waking the pool's threads (tens of µs) does not count (shorter
     * operations understate the 2-thread rate;
     * bench/notes/2026-12-05-code-comment-history.md#benchmark-ceilings).
     */
    @Param({"402653184"})
    public int laneFmas;

    /** Doubles per array in the memory passes. */
    @Param({"16777216"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private ParallelExecutor executor;
    private double[] a;
    private double[] b;
    private double[] c;

    @Setup(Level.Trial)
    public void setup() {
        if (laneFmas % (S.length() * CHAINS) != 0) {
            throw new IllegalArgumentException("laneFmas: " + laneFmas + " is not a multiple of lanes·chains = "
                    + S.length() * CHAINS);
        }
        executor = ParallelExecutor.create(threads);
        a = new double[n];
        b = new double[n];
        c = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 1.0 + (i & 1023) * 0x1p-20;
            c[i] = 0.5 - (i & 511) * 0x1p-20;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        executor.close();
    }

    /** {@code 2 · laneFmas · threads} flops from registers only. */
    @Benchmark
    public double fmaPeak() {
        return FmaPeak.run(executor, threads, laneFmas / (S.length() * CHAINS));
    }

    /** Reads {@code 8n} bytes. */
    @Benchmark
    public double readPass() {
        return MemoryPasses.read(executor, b, n);
    }

    /** Moves {@code 24n} bytes by STREAM's count: {@code a ← b + s·c}. */
    @Benchmark
    public double[] triad() {
        executor.forEachChunk(0, n, MEMORY_CHUNKS, (chunk, lo, hi) -> triadRange(lo, hi));
        return a;
    }

    private void triadRange(int lo, int hi) {
        double[] x = a, y = b, z = c;
        double s = 3.0;
        DoubleVector sv = DoubleVector.broadcast(S, s);
        int l = S.length();
        int i = lo;
        for (; i <= hi - l; i += l) {
            DoubleVector.fromArray(S, z, i).fma(sv, DoubleVector.fromArray(S, y, i)).intoArray(x, i);
        }
        for (; i < hi; i++) {
            x[i] = Math.fma(s, z[i], y[i]);
        }
    }
}
