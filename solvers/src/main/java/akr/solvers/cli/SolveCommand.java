package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.MatrixFormatException;
import akr.solvers.io.Npy;
import akr.solvers.io.NpyRows;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.RowSource;
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
import java.util.OptionalInt;
import java.util.Set;

/** {@code akr solve gram-power|lstsq-power|attention ...}. */
final class SolveCommand implements Command {

    private static final Set<String> VALUED = Set.of("a", "b", "power", "out", "sketch", "sketch-rows", "method",
            "tol", "max-iter", "seed", "threads", "history", "tier");
    private static final Set<String> FLAGS = Set.of("json", "quiet", "help");
    /** The power j without --power: least squares for lstsq-power, the plain Gram system for gram-power. */
    static final int DEFAULT_LSTSQ_POWER = 0;
    static final int DEFAULT_GRAM_POWER = 1;

    @Override
    public String name() {
        return "solve";
    }

    @Override
    public String summary() {
        return "solve a problem from .npy/.csv files (./akr solve --help)";
    }

    static void usage(PrintStream s) {
        PowerOptions d = PowerOptions.defaults();
        s.println("usage: ./akr solve gram-power  --a A --b b --power J [options]   min |(A^T A)^J x - b|, J >= 1");
        s.println("       ./akr solve lstsq-power --a A --b b --power J [options]   min |A (A^T A)^J x - b|, J >= 0");
        s.println("       ./akr solve attention   --a A --b b [--ridge L] [--precond P] [--rank K] ...");
        s.println("                                                  (exp(A A^T) + L I) x = b (./akr solve attention --help)");
        s.println();
        s.println("  --a FILE            A (n x d, n >= d): .npy (float64/float32) or .csv/text");
        s.println("  --b FILE            b: length d (gram-power) or n (lstsq-power)");
        s.println("  --power J           the power j (default " + DEFAULT_LSTSQ_POWER + " for lstsq-power, "
                + DEFAULT_GRAM_POWER + " for gram-power)");
        s.println("  --out FILE.npy      write x (float64), atomically");
        s.println("  --sketch KIND       srht | sparse-sign | countsketch | gaussian (default " + d.sketch().key() + ")");
        s.println("  --sketch-rows M     sketch rows (default 4d; 2d^2 for countsketch; at most n)");
        s.println("  --method M          auto | gd | lsqr | pcg | cholqr | normal | direct (default " + d.method().key() + ")");
        s.println("  --tol T             target relative (normal-equation) residual (default "
                + Formats.compact(d.tolerance()) + ")");
        s.println("  --max-iter N        iteration limit per stage (default " + d.maxIterations() + ")");
        s.println("  --seed S            sketch seed (default " + d.seed() + ")");
        s.println("  --threads N         threads (default: all processors)");
        s.println("  --tier T            auto | simd | scalar | reference (default auto: simd from about "
                + Formats.compact(SolveTier.SIMD_MIN_FLOPS) + " flops, below that scalar, which wins in a fresh JVM)");
        s.println("  --json              print the result as one JSON object");
        s.println("  --history FILE.csv  residual estimate per iteration");
        s.println("  --quiet             no progress display");
        s.println();
        s.println("exit codes: 0 converged, 1 finished without converging (x written), 2 usage or input error");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws IOException {
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
        a.requireNoPositional();
        boolean lstsq;
        switch (problem) {
            case "gram-power" -> lstsq = false;
            case "lstsq-power" -> lstsq = true;
            default -> throw new IllegalArgumentException("unknown problem '" + problem
                    + "' (gram-power, lstsq-power or attention)");
        }
        int power = a.intValue("power", lstsq ? DEFAULT_LSTSQ_POWER : DEFAULT_GRAM_POWER);
        PowerOptions d = PowerOptions.defaults();
        PowerOptions.Builder options = d.toBuilder()
                .sketch(a.get("sketch") == null ? d.sketch() : SketchKind.parse(a.get("sketch")))
                .method(a.get("method") == null ? d.method() : Method.parse(a.get("method")))
                .tolerance(a.doubleValue("tol", d.tolerance()))
                .maxIterations(a.intValue("max-iter", d.maxIterations()))
                .seed(a.longValue("seed", d.seed()));
        if (a.get("sketch-rows") != null) {
            options.sketchRows(a.intValue("sketch-rows", 0));
        }
        PowerOptions opts = options.build();
        Integer threads = a.get("threads") == null ? null : a.intValue("threads", 0);
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("--threads: " + threads + " (must be >= 1)");
        }
        Path outPath = a.get("out") == null ? null : Path.of(a.get("out"));
        Path historyPath = a.get("history") == null ? null : Path.of(a.get("history"));
        checkWritable(outPath);
        checkWritable(historyPath);
        SolveTier.check(a.get("tier"));
        Path aPath = Path.of(a.require("a"));
        Path bPath = Path.of(a.require("b"));
        RowSource am = rowSource(aPath);
        double[] b = readVector(bPath);
        MatrixFiles.requireFinite(bPath, DenseMatrix.wrap(b, b.length, 1));

        SolveTier.Choice tier = SolveTier.choose(a.get("tier"), SolveTier.powerFlops(am.rows(), am.cols(), power));
        Progress progress = new Progress(err, a.flag("quiet") || a.flag("json"));
        PowerResult r;
        // a private pool only when asked for: it is shut down with the solve
        try (Kernels kernels = tier.kernels(threads == null ? OptionalInt.empty() : OptionalInt.of(threads))) {
            PowerOptions o = opts.toBuilder().kernels(kernels).listener(progress).build();
            r = lstsq ? PowerSolver.lstsqPower(am, b, power, o) : PowerSolver.gramPower(am, b, power, o);
        } finally {
            progress.finish();
        }
        if (outPath != null) {
            Npy.write(outPath, r.x());
        }
        if (historyPath != null) {
            writeHistory(historyPath, progress);
        }
        int m = opts.sketchRows(am.rows(), am.cols());
        if (a.flag("json")) {
            out.println(json(problem, am, power, opts, m, r, tier));
        } else {
            report(out, problem, am, power, opts, m, r, tier, outPath);
        }
        return r.converged() ? 0 : 1;
    }

    /**
     * A from its file: a 2-D C-order {@code .npy} block by block ({@link NpyRows}: the normal equations
     * then never hold it whole, and a route that needs it reads it once), anything else read whole and
     * checked for NaN and ±∞ here.
     */
    static RowSource rowSource(Path p) throws IOException {
        if (p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            try {
                return NpyRows.open(p);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException(p + ": no such file");
            } catch (MatrixFormatException e) {
                // not a 2-D C-order array: read whole below, which names what is wrong if anything is
            }
        }
        DenseMatrix m = readMatrix(p);
        MatrixFiles.requireFinite(p, m);
        return RowSource.of(m);
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

    private static String json(String problem, RowSource a, int power, PowerOptions o, int m, PowerResult r,
                               SolveTier.Choice tier) {
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
                .put("tier", tier.tier().key())
                .put("tier_reason", tier.reason())
                .put("a_read_whole", a.inMemory())
                .put("seconds", new Json()
                        .put("sketch", r.timings().sketchSeconds())
                        .put("factor", r.timings().factorSeconds())
                        .put("iterate", r.timings().iterateSeconds())
                        .put("total", r.timings().totalSeconds()))
                .toString();
    }

    private static void report(PrintStream out, String problem, RowSource a, int power, PowerOptions o, int m,
                               PowerResult r, SolveTier.Choice tier, Path outPath) {
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
        if (r.method().usesSketch()) {
            out.printf(Locale.ROOT, "  cond(A) ~ %.3e   cond(A R_s^-1) ~ %.3g%n", r.conditionA(), r.conditionPreconditioned());
        } else {
            out.printf(Locale.ROOT, "  cond(A) ~ %.3e%n", r.conditionA());
        }
        out.printf(Locale.ROOT, "  tier %s (%s)%n", tier.tier().key(), tier.reason());
        out.println(a.inMemory() ? "  A read whole" : "  A read block by block, never held whole");
        PowerResult.Timings t = r.timings();
        out.printf(Locale.ROOT, "  seconds: sketch %.3f  factor %.3f  iterate %.3f  total %.3f%n", t.sketchSeconds(),
                t.factorSeconds(), t.iterateSeconds(), t.totalSeconds());
        if (outPath != null) {
            out.println("  x written to " + outPath);
        }
    }
}
