package akr.bench.cold;

import akr.kernels.DenseMatrix;
import akr.solvers.io.MatrixFiles;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One library call in a fresh JVM, as a user's program makes it: read A and b from {@code .npy}
 * files, solve one power problem with the default options, print one JSON line with the phases.
 * {@code bench/cold/cold.py} times whole processes of this program (and of {@code ./akr solve}).
 *
 * <p>Usage: {@code OneCall lstsq-power|gram-power A.npy b.npy J}; the tier comes from
 * {@code -Dakr.kernels} as for any program using the library.
 */
public final class OneCall {

    private OneCall() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4 || !(args[0].equals("lstsq-power") || args[0].equals("gram-power"))) {
            System.err.println("usage: OneCall lstsq-power|gram-power A.npy b.npy J");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        DenseMatrix a = MatrixFiles.readMatrix(Path.of(args[1]));
        double[] b = MatrixFiles.readVector(Path.of(args[2]));
        int j = Integer.parseInt(args[3]);
        long t1 = System.nanoTime();
        PowerResult r = args[0].equals("lstsq-power")
                ? PowerSolver.lstsqPower(a, b, j, PowerOptions.defaults())
                : PowerSolver.gramPower(a, b, j, PowerOptions.defaults());
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "{\"load_s\": %.6f, \"solve_s\": %.6f, \"method\": \"%s\", \"converged\": %b,"
                        + " \"relative_residual\": %.6e}%n", (t1 - t0) * 1e-9, (t2 - t1) * 1e-9,
                r.method().name().toLowerCase(Locale.ROOT), r.converged(), r.relativeResidual());
        System.exit(r.converged() ? 0 : 1);
    }
}
