package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.SketchKind;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Set;

/** {@code akr solve gram-power|lstsq-power|attention ...}. */
final class SolveCommand {

    private static final Set<String> VALUED = Set.of("a", "b", "power", "out", "sketch", "sketch-rows", "method",
            "tol", "max-iter", "seed", "threads", "history");
    private static final Set<String> FLAGS = Set.of("json", "quiet", "help");

    private SolveCommand() {
    }

    static void usage(PrintStream s) {
        s.println("usage: ./akr solve gram-power  --a A --b b --power J [options]   min |(A^T A)^J x - b|, J >= 1");
        s.println("       ./akr solve lstsq-power --a A --b b --power J [options]   min |A (A^T A)^J x - b|, J >= 0");
        s.println("       ./akr solve attention   --a A --b b [--ridge L] [--precond P] [--rank K] ...");
        s.println("                                                  (exp(A A^T) + L I) x = b (./akr solve attention --help)");
        s.println();
        s.println("  --a FILE            A (n x d, n >= d): .npy (float64/float32) or .csv/text");
        s.println("  --b FILE            b: length d (gram-power) or n (lstsq-power)");
        s.println("  --power J           the power j (default 0 for lstsq-power, 1 for gram-power)");
        s.println("  --out FILE.npy      write x (float64), atomically");
        s.println("  --sketch KIND       srht | sparse-sign | countsketch | gaussian (default sparse-sign)");
        s.println("  --sketch-rows M     sketch rows (default 4d; 2d^2 for countsketch; at most n)");
        s.println("  --method M          auto | gd | lsqr | pcg | cholqr | normal | direct (default auto)");
        s.println("  --tol T             target relative (normal-equation) residual (default 1e-10)");
        s.println("  --max-iter N        iteration limit per stage (default 200)");
        s.println("  --seed S            sketch seed (default 1)");
        s.println("  --threads N         threads (default: all processors)");
        s.println("  --json              print the result as one JSON object");
        s.println("  --history FILE.csv  residual estimate per iteration");
        s.println("  --quiet             no progress display");
        s.println();
        s.println("exit codes: 0 converged, 1 finished without converging (x written), 2 usage or input error");
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage(args.length == 0 ? err : out);
            return args.length == 0 ? Main.EXIT_USAGE : 0;
        }
        String problem = args[0];
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        if (problem.equals("attention")) {
            return AttentionCommand.solve(rest, out, err);
        }
        Args a = new Args(rest, VALUED, FLAGS);
        if (a.flag("help")) {
            usage(out);
            return 0;
        }
        if (!a.positional().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + a.positional().get(0) + "'");
        }
        boolean lstsq;
        switch (problem) {
            case "gram-power" -> lstsq = false;
            case "lstsq-power" -> lstsq = true;
            default -> throw new IllegalArgumentException("unknown problem '" + problem
                    + "' (gram-power, lstsq-power or attention)");
        }
        int power = a.intValue("power", lstsq ? 0 : 1);
        PowerOptions opts = PowerOptions.defaults()
                .withSketch(SketchKind.parse(a.get("sketch") == null ? "sparse-sign" : a.get("sketch")))
                .withSketchRows(a.intValue("sketch-rows", 0))
                .withMethod(Method.parse(a.get("method") == null ? "auto" : a.get("method")))
                .withTolerance(a.doubleValue("tol", 1e-10))
                .withMaxIterations(a.intValue("max-iter", 200))
                .withSeed(a.longValue("seed", 1))
                .withThreads(a.intValue("threads", 0));
        Path outPath = a.get("out") == null ? null : Path.of(a.get("out"));
        Path historyPath = a.get("history") == null ? null : Path.of(a.get("history"));
        checkWritable(outPath);
        checkWritable(historyPath);
        Path aPath = Path.of(a.require("a"));
        Path bPath = Path.of(a.require("b"));
        DenseMatrix am = readMatrix(aPath);
        double[] b = readVector(bPath);
        MatrixFiles.requireFinite(aPath, am);
        MatrixFiles.requireFinite(bPath, DenseMatrix.wrap(b, b.length, 1));

        Progress progress = new Progress(err, a.flag("quiet") || a.flag("json"));
        PowerResult r;
        try {
            r = lstsq ? PowerSolver.lstsqPower(am, b, power, opts.withListener(progress))
                    : PowerSolver.gramPower(am, b, power, opts.withListener(progress));
        } finally {
            progress.finish();
        }
        if (outPath != null) {
            Npy.write(outPath, r.x());
        }
        if (historyPath != null) {
            writeHistory(historyPath, progress);
        }
        int m = opts.sketchRows() == 0 ? opts.sketch().defaultRows(am.rows(), am.cols()) : opts.sketchRows();
        if (a.flag("json")) {
            out.println(json(problem, am, power, opts, m, r));
        } else {
            report(out, problem, am, power, opts, m, r, outPath);
        }
        return r.converged() ? 0 : 1;
    }

    static DenseMatrix readMatrix(Path p) throws IOException {
        try {
            return MatrixFiles.readMatrix(p);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(p + ": no such file");
        }
    }

    static double[] readVector(Path p) throws IOException {
        try {
            return MatrixFiles.readVector(p);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(p + ": no such file");
        }
    }

    static void checkWritable(Path p) {
        if (p == null) {
            return;
        }
        Path dir = p.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(p + ": the directory " + dir + " does not exist");
        }
    }

    static void writeHistory(Path p, Progress progress) throws IOException {
        Path tmp = Files.createTempFile(p.toAbsolutePath().getParent(), "." + p.getFileName(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("phase,iteration,residual_estimate,seconds\n");
                for (Progress.Row row : progress.rows()) {
                    w.write(String.format(Locale.ROOT, "%s,%d,%.6e,%.6f%n", row.phase(), row.iteration(),
                            row.residual(), row.seconds()));
                }
            }
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String json(String problem, DenseMatrix a, int power, PowerOptions o, int m, PowerResult r) {
        boolean sketched = r.method().usesSketch();
        return new Json()
                .put("problem", problem)
                .put("n", a.rows())
                .put("d", a.cols())
                .put("power", power)
                .put("method", r.method().key())
                .put("sketch", sketched ? o.sketch().key() : "none")
                .put("sketch_rows", sketched ? m : 0)
                .put("iterations", r.totalIterations())
                .put("iterations_per_stage", r.iterations())
                .put("relative_residual", r.relativeResidual())
                .put("normal_equation_residual", r.normalEquationResidual())
                .put("converged", r.converged())
                .put("condition_preconditioned", r.conditionPreconditioned())
                .put("condition_a", r.conditionA())
                .put("seconds", new Json()
                        .put("sketch", r.sketchSeconds())
                        .put("factor", r.factorSeconds())
                        .put("iterate", r.iterateSeconds())
                        .put("total", r.totalSeconds()))
                .toString();
    }

    private static void report(PrintStream out, String problem, DenseMatrix a, int power, PowerOptions o, int m,
                               PowerResult r, Path outPath) {
        out.printf(Locale.ROOT, "%s  n=%d d=%d power=%d  method=%s", problem, a.rows(), a.cols(), power, r.method().key());
        if (r.method().usesSketch()) {
            out.printf(Locale.ROOT, "  sketch=%s m=%d", o.sketch().key(), m);
        }
        out.println();
        out.printf(Locale.ROOT, "  %s after %d iterations %s%n", r.converged() ? "converged" : "NOT converged",
                r.totalIterations(), java.util.Arrays.toString(r.iterations()));
        out.printf(Locale.ROOT, "  relative residual        %.3e%n", r.relativeResidual());
        if (!Double.isNaN(r.normalEquationResidual())) {
            out.printf(Locale.ROOT, "  normal-equation residual %.3e%n", r.normalEquationResidual());
        }
        out.printf(Locale.ROOT, "  cond(A) ~ %.3e   cond(A R_s^-1) ~ %.3g%n", r.conditionA(), r.conditionPreconditioned());
        out.printf(Locale.ROOT, "  seconds: sketch %.3f  factor %.3f  iterate %.3f  total %.3f%n", r.sketchSeconds(),
                r.factorSeconds(), r.iterateSeconds(), r.totalSeconds());
        if (outPath != null) {
            out.println("  x written to " + outPath);
        }
    }
}
