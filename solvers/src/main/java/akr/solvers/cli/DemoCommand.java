package akr.solvers.cli;

import akr.solvers.demo.SyntheticProblem;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;

import java.io.PrintStream;
import java.util.Locale;

/**
 * {@code akr demo}: seeded synthetic problems solved by every sketch method and the direct
 * reference, printed as a table. The matrices have prescribed singular values (1 down to 1/κ), so
 * the reader can compare the achieved accuracy with what κ allows.
 */
final class DemoCommand {

    private static final Method[] METHODS = {Method.LSQR, Method.GD, Method.CHOLQR, Method.DIRECT};

    private DemoCommand() {
    }

    static int run(String[] args, PrintStream out) {
        int n = 200_000;
        int d = 64;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    out.println("usage: ./akr demo [--rows N] [--cols D]");
                    out.println("Solves seeded synthetic problems (default A 200000x64) with every method and prints");
                    out.println("seconds, iterations, residuals, forward error against the direct solution and speed-up.");
                    return 0;
                }
                case "--rows" -> n = Integer.parseInt(value(args, ++i, "--rows"));
                case "--cols" -> d = Integer.parseInt(value(args, ++i, "--cols"));
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (n < 4 * d || d < 1) {
            throw new IllegalArgumentException("the demo needs n >= 4d >= 4, got " + n + "x" + d);
        }
        out.printf(Locale.ROOT, "akr demo: A is %dx%d with singular values from 1 to 1/kappa, sparse-sign sketch of %d rows,"
                + " tolerance 1e-10, %d threads%n", n, d, 4 * d, akr.kernels.parallel.ParallelExecutor.shared().threads());
        out.println("forward error is relative to the direct (Householder QR) solution; speed-up is direct seconds / method seconds");
        out.println();
        out.printf(Locale.ROOT, "%-22s %-7s %8s %6s %11s %11s %11s %8s %s%n", "problem", "method", "seconds", "iters",
                "rel.resid", "normal.eq", "fwd.err", "speed-up", "");
        runProblem(out, n, d, true, 0, 1e6);
        runProblem(out, n, d, true, 1, 1e3);
        runProblem(out, n, d, true, 2, 1e2);
        runProblem(out, n, d, false, 1, 1e3);
        runProblem(out, n, d, false, 2, 1e2);
        return 0;
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[i];
    }

    private static void runProblem(PrintStream out, int n, int d, boolean lstsq, int j, double kappa) {
        SyntheticProblem p = SyntheticProblem.withCondition(n, d, kappa, 2024 + j);
        double[] xStar = SyntheticProblem.gaussian(d, 7, j);
        double[] b = lstsq ? p.lstsqRhs(j, xStar, 1e-3, 11) : p.gramPowerTimes(j, xStar);
        String name = String.format(Locale.ROOT, "%s j=%d k=%.0e", lstsq ? "lstsq-power" : "gram-power", j, kappa);
        PowerResult[] results = new PowerResult[METHODS.length];
        for (int i = METHODS.length - 1; i >= 0; i--) { // direct first: the others compare with it
            PowerOptions o = PowerOptions.defaults().withMethod(METHODS[i]);
            results[i] = lstsq ? PowerSolver.lstsqPower(p.a(), b, j, o) : PowerSolver.gramPower(p.a(), b, j, o);
        }
        PowerResult direct = results[METHODS.length - 1];
        for (int i = 0; i < METHODS.length; i++) {
            PowerResult r = results[i];
            double fe = SyntheticProblem.forwardError(r.x(), direct.x());
            out.printf(Locale.ROOT, "%-22s %-7s %8.3f %6d %11.3e %11s %11s %8s %s%n", i == 0 ? name : "", r.method().key(),
                    r.totalSeconds(), r.totalIterations(), r.relativeResidual(),
                    lstsq ? String.format(Locale.ROOT, "%.3e", r.normalEquationResidual()) : "-",
                    r.method() == Method.DIRECT ? "-" : String.format(Locale.ROOT, "%.3e", fe),
                    r.method() == Method.DIRECT ? "1.0x" : String.format(Locale.ROOT, "%.1fx",
                            direct.totalSeconds() / r.totalSeconds()),
                    r.converged() ? "" : "(not converged)");
        }
    }
}
