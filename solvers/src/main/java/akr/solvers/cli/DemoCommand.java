package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.random.CounterRandom;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;

/**
 * {@code akr demo}: seeded synthetic problems solved by the default (auto), every sketch method and the direct
 * reference, printed as a table. The matrices have prescribed singular values (1 down to 1/κ), so
 * the reader can compare the achieved accuracy with what κ allows. Then attention kernel regression,
 * (exp(AAᵀ) + λI)x = b, by every route and preconditioner against the dense Cholesky reference, for
 * A = randn·d^{-1/4} (attention scaling), λ = 0, and A = randn/√d, λ = 10⁻², with the route AUTO
 * picks at each size under the memory budget.
 */
final class DemoCommand implements Command {

    /** The default (AUTO, shown with the method it ran), the sketch methods, then the direct reference (last). */
    private static final Method[] METHODS = {Method.AUTO, Method.LSQR, Method.GD, Method.CHOLQR, Method.DIRECT};
    /** The attention rows: the default (AUTO), each iterative route and preconditioner, the dense reference (last). */
    private static final AttentionRow[] ATTENTION_ROWS_RUN = {
        new AttentionRow(Route.AUTO, Preconditioner.AUTO),
        new AttentionRow(Route.MATERIALISED, Preconditioner.AUTO),
        new AttentionRow(Route.MATRIX_FREE, Preconditioner.RPCHOLESKY),
        new AttentionRow(Route.MATRIX_FREE, Preconditioner.SKETCH),
        new AttentionRow(Route.MATRIX_FREE, Preconditioner.JACOBI),
        new AttentionRow(Route.MATRIX_FREE, Preconditioner.NONE),
        new AttentionRow(Route.DENSE, Preconditioner.AUTO)};
    /** Sizes at which the demo prints AUTO's route. */
    static final int[] CROSSOVER_SIZES = {500, 1000, 2000, 4000, 8192, 16384, 32768, 65536, 131072};

    /** One row of the attention table. */
    private record AttentionRow(Route route, Preconditioner preconditioner) {
        String label(AttentionResult r) {
            String ran = r.route().key() + r.preconditioner().map(p -> "/" + p.key()).orElse("");
            return route == Route.AUTO ? "auto:" + ran : ran;
        }
    }
    private static final Set<String> VALUED = Set.of("rows", "cols", "attention-rows");
    private static final Set<String> FLAGS = Set.of("help", "power-only", "attention-only");
    /** Shape of the power problems' A by default. */
    static final int ROWS = 200_000;
    static final int COLS = 64;
    /** Points of the attention rows by default (the benchmark size, 8192, takes a minute on its own). */
    static final int ATTENTION_ROWS = 4096;
    static final int ATTENTION_COLS = 64;
    /** Iteration limit of the attention rows: the unpreconditioned routes are shown stopping there. */
    static final int ATTENTION_MAX_ITER = 100;

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "seeded synthetic problems solved by every method, as a table";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Args a = new Args(args, VALUED, FLAGS);
        if (a.flag("help") || a.positional().contains("-h")) {
            usage(out);
            return 0;
        }
        a.requireNoPositional();
        int n = a.intValue("rows", ROWS);
        int d = a.intValue("cols", COLS);
        int attentionRows = a.intValue("attention-rows", ATTENTION_ROWS);
        if (a.flag("power-only") && a.flag("attention-only")) {
            throw new IllegalArgumentException("--power-only and --attention-only exclude each other");
        }
        boolean power = !a.flag("attention-only");
        boolean attention = !a.flag("power-only");
        if (attentionRows < 2) {
            throw new IllegalArgumentException("--attention-rows needs at least 2 points, got " + attentionRows);
        }
        if (power) {
            runPower(out, n, d);
        }
        if (attention) {
            if (power) {
                out.println();
            }
            runAttention(out, attentionRows, ATTENTION_COLS);
        }
        return 0;
    }

    static void usage(PrintStream out) {
        out.println("usage: ./akr demo [--rows N] [--cols D] [--attention-rows M] [--power-only | --attention-only]");
        out.println("Solves seeded synthetic problems (default A " + ROWS + "x" + COLS + ") with every method and prints");
        out.println("seconds, iterations, residuals, forward error against the direct solution and speed-up.");
        out.println("Then attention kernel regression (exp(A A^T) + lambda I) x = b for M x " + ATTENTION_COLS
                + " points (default");
        out.println("M = " + ATTENTION_ROWS + " to keep the demo near a minute; the benchmark size is --attention-rows 8192),");
        out.println("A = randn d^-1/4 with lambda = 0 and A = randn/sqrt(d) with lambda = 1e-2, by every route and");
        out.println("preconditioner (at most " + ATTENTION_MAX_ITER + " PCG iterations) against the dense Cholesky reference,");
        out.println("and the route auto picks at each size under this JVM's memory budget (the crossover sizes).");
    }

    private static void runPower(PrintStream out, int n, int d) {
        if (n < 4 * d || d < 1) {
            throw new IllegalArgumentException("the demo needs n >= 4d >= 4, got " + n + "x" + d);
        }
        out.println(powerHeader(n, d));
        out.println("forward error is relative to the direct (Householder QR) solution; speed-up is direct seconds / method seconds");
        out.println();
        out.printf(Locale.ROOT, "%-22s %-11s %8s %6s %11s %11s %11s %8s %s%n", "problem", "method", "seconds", "iters",
                "rel.resid", "normal.eq", "fwd.err", "speed-up", "");
        runProblem(out, n, d, true, 0, 1e6);
        runProblem(out, n, d, true, 1, 1e3);
        runProblem(out, n, d, true, 2, 1e2);
        runProblem(out, n, d, false, 1, 1e3);
        runProblem(out, n, d, false, 2, 1e2);
    }

    private static void runAttention(PrintStream out, int n, int d) {
        out.println(attentionHeader(n, d));
        out.println("forward error is relative to the dense route's (Cholesky) solution; speed-up is dense seconds /"
                + " route seconds");
        out.println();
        out.printf(Locale.ROOT, "%-26s %-27s %8s %6s %11s %9s %11s %8s %s%n", "problem", "route/precond", "seconds",
                "iters", "rel.resid", "cond.est", "fwd.err", "speed-up", "");
        runAttentionProblem(out, n, d, true, 0.0);
        runAttentionProblem(out, n, d, false, 1e-2);
        out.println();
        out.println(crossovers(d, AttentionOptions.defaults()));
    }

    /** AUTO's route at each of {@link #CROSSOVER_SIZES} for d dimensions and one right-hand side. */
    static String crossovers(int d, AttentionOptions o) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "auto's route by n (d = %d, memory budget %.2f GB):", d, o.effectiveMemoryLimit() / 1e9));
        for (int n : CROSSOVER_SIZES) {
            sb.append(String.format(Locale.ROOT, " %d %s,", n, AttentionSolver.chooseRoute(n, d, 1, o).key()));
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    /** The power table's first line: the options every method runs with, as the library's defaults set them. */
    static String powerHeader(int n, int d) {
        PowerOptions o = PowerOptions.defaults();
        return String.format(Locale.ROOT, "akr demo: A is %dx%d with singular values from 1 to 1/kappa, %s sketch of %d"
                + " rows, tolerance %s, %d threads", n, d, o.sketch().key(), o.sketchRows(n, d),
                Formats.compact(o.tolerance()), akr.kernels.parallel.ParallelExecutor.shared().threads());
    }

    /** The attention table's first line: the demo's iteration limit, the rest the library's defaults. */
    static String attentionHeader(int n, int d) {
        AttentionOptions o = AttentionOptions.defaults();
        return String.format(Locale.ROOT, "attention kernel regression: (exp(A A^T) + lambda I) x = b, A %dx%d,"
                + " b Gaussian, tolerance %s, at most %d PCG iterations, rpcholesky rank adaptive (at most %d)", n, d,
                Formats.compact(o.tolerance()), ATTENTION_MAX_ITER, Math.min(n, AttentionOptions.DEFAULT_MAX_RANK));
    }

    private static void runAttentionProblem(PrintStream out, int n, int d, boolean attentionScaling, double lambda) {
        double s = attentionScaling ? Math.pow(d, -0.25) : 1 / Math.sqrt(d);
        DenseMatrix a = DenseMatrix.zeros(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, s * CounterRandom.gaussian(2026, 1, (long) i * d + j));
            }
        }
        double[] b = SyntheticProblem.gaussian(n, 2026, 2);
        String name = String.format(Locale.ROOT, "%s lambda=%s", attentionScaling ? "randn*d^-1/4" : "randn/sqrt(d)",
                lambda == 0 ? "0" : String.format(Locale.ROOT, "%.0e", lambda));
        AttentionOptions.Builder base = AttentionOptions.builder().ridge(lambda).maxIterations(ATTENTION_MAX_ITER);
        int rows = ATTENTION_ROWS_RUN.length;
        AttentionResult[] results = new AttentionResult[rows];
        String[] failures = new String[rows];
        for (int i = rows - 1; i >= 0; i--) { // dense first: the others compare with it
            AttentionRow row = ATTENTION_ROWS_RUN[i];
            try {
                results[i] = AttentionSolver.solve(a, b, base.route(row.route()).preconditioner(row.preconditioner())
                        .build());
            } catch (IllegalArgumentException e) {
                failures[i] = e.getMessage();
            }
        }
        AttentionResult dense = results[rows - 1];
        for (int i = 0; i < rows; i++) {
            AttentionResult r = results[i];
            String label = i == 0 ? name : "";
            AttentionRow row = ATTENTION_ROWS_RUN[i];
            if (r == null) {
                out.printf(Locale.ROOT, "%-26s %-27s %s%n", label, row.route().key() + "/" + row.preconditioner().key(),
                        "failed: " + failures[i]);
                continue;
            }
            boolean isDense = i == rows - 1;
            out.printf(Locale.ROOT, "%-26s %-27s %8.3f %6d %11.3e %9s %11s %8s %s%n", label, row.label(r),
                    r.timings().totalSeconds(), r.iterations(), r.relativeResidual(),
                    Double.isNaN(r.conditionEstimate()) ? "-" : String.format(Locale.ROOT, "%.3g", r.conditionEstimate()),
                    isDense || dense == null ? "-" : String.format(Locale.ROOT, "%.3e",
                            SyntheticProblem.forwardError(r.x(), dense.x())),
                    isDense ? "1.0x" : dense == null ? "-" : String.format(Locale.ROOT, "%.1fx",
                            dense.timings().totalSeconds() / r.timings().totalSeconds()),
                    r.converged() ? "" : "(not converged)");
        }
    }

    private static void runProblem(PrintStream out, int n, int d, boolean lstsq, int j, double kappa) {
        SyntheticProblem p = SyntheticProblem.withCondition(n, d, kappa, 2024 + j);
        double[] xStar = SyntheticProblem.gaussian(d, 7, j);
        double[] b = lstsq ? p.lstsqRhs(j, xStar, 1e-3, 11) : p.gramPowerTimes(j, xStar);
        String name = String.format(Locale.ROOT, "%s j=%d k=%.0e", lstsq ? "lstsq-power" : "gram-power", j, kappa);
        PowerResult[] results = new PowerResult[METHODS.length];
        for (int i = METHODS.length - 1; i >= 0; i--) { // direct first: the others compare with it
            PowerOptions o = PowerOptions.builder().method(METHODS[i]).build();
            results[i] = lstsq ? PowerSolver.lstsqPower(p.a(), b, j, o) : PowerSolver.gramPower(p.a(), b, j, o);
        }
        PowerResult direct = results[METHODS.length - 1];
        for (int i = 0; i < METHODS.length; i++) {
            PowerResult r = results[i];
            double fe = SyntheticProblem.forwardError(r.x(), direct.x());
            out.printf(Locale.ROOT, "%-22s %-11s %8.3f %6d %11.3e %11s %11s %8s %s%n", i == 0 ? name : "",
                    METHODS[i] == Method.AUTO ? "auto:" + r.method().key() : r.method().key(),
                    r.timings().totalSeconds(), r.totalIterations(), r.relativeResidual(),
                    lstsq ? String.format(Locale.ROOT, "%.3e", r.normalEquationResidual()) : "-",
                    r.method() == Method.DIRECT ? "-" : String.format(Locale.ROOT, "%.3e", fe),
                    r.method() == Method.DIRECT ? "1.0x" : String.format(Locale.ROOT, "%.1fx",
                            direct.timings().totalSeconds() / r.timings().totalSeconds()),
                    r.converged() ? "" : "(not converged)");
        }
    }
}
