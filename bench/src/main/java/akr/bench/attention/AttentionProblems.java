package akr.bench.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.random.CounterRandom;
import akr.solvers.io.Npy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The attention benchmarks' problems, from fixed seeds so the JMH benchmark, the accuracy runner and
 * the scipy peer solve the same systems: A (n×d) Gaussian scaled by d^{-1/4} ("attention", solved with
 * λ = 0) or by 1/√d ("randn", solved with λ = 10⁻²), b Gaussian.
 */
final class AttentionProblems {

    private AttentionProblems() {
    }

    record Instance(DenseMatrix a, double[] b, double ridge) {
    }

    static Instance instance(int n, int d, String scaling) {
        boolean attention = switch (scaling) {
            case "attention" -> true;
            case "randn" -> false;
            default -> throw new IllegalArgumentException("scaling " + scaling + " (attention or randn)");
        };
        double s = attention ? Math.pow(d, -0.25) : 1 / Math.sqrt(d);
        DenseMatrix a = DenseMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, s * CounterRandom.gaussian(4242, 1, (long) i * d + j));
            }
        }
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = CounterRandom.gaussian(4242, 2, i);
        }
        return new Instance(a, b, attention ? 0.0 : 1e-2);
    }

    /** Writes A_{n}x{d}_{scaling}.npy and b_{n}_{scaling}.npy under dir for the scipy peer. */
    static void write(Path dir, int n, int d, String scaling) throws IOException {
        Files.createDirectories(dir);
        Instance in = instance(n, d, scaling);
        Npy.write(dir.resolve("A_" + n + "x" + d + "_" + scaling + ".npy"), in.a(), false);
        Npy.write(dir.resolve("b_" + n + "_" + scaling + ".npy"), in.b());
    }
}
