package akr.bench.solvers;

import akr.solvers.demo.SyntheticProblem;
import akr.solvers.io.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The solver benchmarks' problems: A (n×d) with singular values from 1 to 1/κ (κ = 10⁶) and a
 * noisy right-hand side (relative residual 10⁻³) with known least-squares solution x*, from fixed
 * seeds, so the JMH benchmarks, the accuracy runner and the numpy peer all solve the same problem.
 */
final class PowerProblems {

    static final double KAPPA = 1e6;
    static final double NOISE = 1e-3;

    private PowerProblems() {
    }

    record Instance(SyntheticProblem p, double[] xStar, double[] bLstsq, double[] bGram, int power) {
    }

    /** The instance for shape n×d and power j (b for lstsq-power and gram-power share x*). */
    static Instance instance(int n, int d, int j) {
        SyntheticProblem p = SyntheticProblem.withCondition(n, d, KAPPA, 1000L + d);
        double[] xStar = SyntheticProblem.gaussian(d, 77, j);
        return new Instance(p, xStar, p.lstsqRhs(j, xStar, NOISE, 5), p.gramPowerTimes(j, xStar), j);
    }

    /** Writes A, b (both problems) and x* as .npy files under dir, for the numpy peer. */
    static void write(Path dir, int n, int d, int j) throws IOException {
        Files.createDirectories(dir);
        Instance in = instance(n, d, j);
        String tag = n + "x" + d + "_j" + j;
        Npy.write(dir.resolve("A_" + n + "x" + d + ".npy"), in.p().a(), false);
        Npy.write(dir.resolve("b_lstsq_" + tag + ".npy"), in.bLstsq());
        Npy.write(dir.resolve("b_gram_" + tag + ".npy"), in.bGram());
        Npy.write(dir.resolve("xstar_" + tag + ".npy"), in.xStar());
    }
}
