package akr.bench.solvers;

import akr.solvers.demo.SyntheticProblem;
import akr.solvers.io.Npy;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Forward error of gram-power, min ‖(AᵀA)ʲx − b‖, by route, against x = V·Σ^{−2j}·Vᵀb from the
 * exact factors of a synthetic A (n×d, singular values 1 … 1/κ) and a Gaussian b, whose solution
 * is not dominated by its own rounding. One JSON line {"gram_accuracy": {...}} per solve; with
 * {@code --write DIR} also A, b and x as .npy per case, for numpy's SVD route
 * ({@code bench/accuracy/gram_svd.py}) on the same bits.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar akr.bench.solvers.GramAccuracy [--write DIR] [n d]</pre>
 */
public final class GramAccuracy {

    static final double[] KAPPAS = {1e2, 1e4, 1e6};
    static final int MAX_POWER = 3;

    private GramAccuracy() {
    }

    public static void main(String[] args) throws Exception {
        Path write = null;
        int n = 20_000;
        int d = 32;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--write")) {
                write = Path.of(args[++i]);
            } else {
                n = Integer.parseInt(args[i]);
                d = Integer.parseInt(args[++i]);
            }
        }
        for (double kappa : KAPPAS) {
            SyntheticProblem p = SyntheticProblem.withCondition(n, d, kappa, 21);
            String tag = String.format(Locale.ROOT, "%dx%d-k%.0e", n, d, kappa);
            if (write != null) {
                Files.createDirectories(write);
                Npy.write(write.resolve("A-" + tag + ".npy"), p.a(), false);
            }
            for (int j = 1; j <= MAX_POWER; j++) {
                double[] b = SyntheticProblem.gaussian(d, 1, j);
                double[] xStar = p.gramPowerSolve(j, b);
                if (write != null) {
                    Npy.write(write.resolve("b-" + tag + "-j" + j + ".npy"), b);
                    Npy.write(write.resolve("x-" + tag + "-j" + j + ".npy"), xStar);
                }
                for (Method m : new Method[] {Method.AUTO, Method.CHOLQR, Method.DIRECT}) {
                    PowerResult r = PowerSolver.gramPower(p.a(), b, j, PowerOptions.builder().method(m).build());
                    System.out.printf(Locale.ROOT, "{\"gram_accuracy\": {\"shape\": \"%dx%d\", \"kappa\": %.0e, \"j\": %d, "
                                    + "\"route\": \"akr %s\", \"resolved\": \"%s\", \"forward_error\": %.3e}}%n", n, d, kappa, j,
                            m.key(), r.method().key(), SyntheticProblem.forwardError(r.x(), xStar));
                }
            }
        }
    }
}
