package akr.bench.solvers;

import akr.kernels.DenseMatrix;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The solver benchmarks' problems: A (n×d) with singular values from 1 to 1/κ (κ = 10⁶) and a
 * noisy right-hand side (relative residual 10⁻³) with known least-squares solution x*, from fixed
 * seeds, so the JMH benchmarks, the accuracy runner and the numpy peer all solve the same problem.
 *
 * <p>Generating the 10⁶×64 problem takes about ten seconds in a fresh JVM (Gaussian draws, a
 * Householder QR and its thin Q, mostly before the JIT has compiled them), and JMH forks a JVM per
 * parameter combination. When the environment variable {@value #CACHE_ENV} names a directory,
 * {@link #instance(int, int, int)} therefore keeps A, b and x* there as .npy files (written
 * atomically) and later forks read them back — the same bits. {@code bench/run} sets it to a
 * directory of its own that it deletes at the end.
 */
final class PowerProblems {

    static final double KAPPA = 1e6;
    static final double NOISE = 1e-3;
    /** Environment variable naming the problem cache directory (unset: no cache). */
    static final String CACHE_ENV = "AKR_BENCH_PROBLEM_CACHE";

    private PowerProblems() {
    }

    record Instance(DenseMatrix a, double[] xStar, double[] bLstsq, double[] bGram, int power) {
    }

    /** The instance for shape n×d and power j (b for lstsq-power and gram-power share x*). */
    static Instance instance(int n, int d, int j) {
        String dir = System.getenv(CACHE_ENV);
        if (dir == null || dir.isEmpty()) {
            return instance(matrix(n, d), j);
        }
        Path cache = Path.of(dir);
        String tag = n + "x" + d + "_j" + j;
        Path a = cache.resolve("power_A_" + n + "x" + d + ".npy");
        Path xs = cache.resolve("power_xstar_" + tag + ".npy");
        Path bl = cache.resolve("power_b_lstsq_" + tag + ".npy");
        Path bg = cache.resolve("power_b_gram_" + tag + ".npy");
        try {
            if (Files.exists(a) && Files.exists(xs) && Files.exists(bl) && Files.exists(bg)) {
                return new Instance(Npy.read(a), MatrixFiles.readVector(xs), MatrixFiles.readVector(bl),
                        MatrixFiles.readVector(bg), j);
            }
            Instance in = instance(matrix(n, d), j);
            Files.createDirectories(cache);
            if (!Files.exists(a)) {
                Npy.write(a, in.a(), false);
            }
            Npy.write(xs, in.xStar());
            Npy.write(bl, in.bLstsq());
            Npy.write(bg, in.bGram());
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("problem cache " + cache, e);
        }
    }

    /** A of shape n×d with its factors (the same for every power j). */
    static SyntheticProblem matrix(int n, int d) {
        return SyntheticProblem.withCondition(n, d, KAPPA, 1000L + d);
    }

    /** The instance of power j on the matrix of {@link #matrix}. */
    static Instance instance(SyntheticProblem p, int j) {
        int d = p.a().cols();
        double[] xStar = SyntheticProblem.gaussian(d, 77, j);
        return new Instance(p.a(), xStar, p.lstsqRhs(j, xStar, NOISE, 5), p.gramPowerTimes(j, xStar), j);
    }

    /** Writes A, b (both problems) and x* as .npy files under dir, for the numpy peer. */
    static void write(Path dir, int n, int d, int j) throws IOException {
        Files.createDirectories(dir);
        Instance in = instance(n, d, j);
        String tag = n + "x" + d + "_j" + j;
        Npy.write(dir.resolve("A_" + n + "x" + d + ".npy"), in.a(), false);
        Npy.write(dir.resolve("b_lstsq_" + tag + ".npy"), in.bLstsq());
        Npy.write(dir.resolve("b_gram_" + tag + ".npy"), in.bGram());
        Npy.write(dir.resolve("xstar_" + tag + ".npy"), in.xStar());
    }
}
