package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.KernelProvider;
import akr.kernels.Kernels;
import akr.kernels.Tier;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.SketchKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: round trips through .npy and .csv, and every error path exits 2 writing nothing. */
class SolveCommandTest {

    /** The library's default tier: the CLI is asked for it where its bits are compared with the library's. */
    private static final String DEFAULT_TIER = Kernels.defaults().tier().key();

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private SyntheticProblem problem() {
        return SyntheticProblem.withCondition(400, 6, 100, 3);
    }

    private void writeCsv(Path p, DenseMatrix m) throws IOException {
        StringBuilder sb = new StringBuilder("c0");
        for (int j = 1; j < m.cols(); j++) {
            sb.append(",c").append(j);
        }
        sb.append('\n');
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                sb.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", m.get(i, j)));
            }
            sb.append('\n');
        }
        Files.writeString(p, sb);
    }

    @Test
    void npyRoundTripMatchesTheLibraryAndPrintsJson() throws IOException {
        SyntheticProblem p = problem();
        double[] b = p.lstsqRhs(1, SyntheticProblem.gaussian(6, 1, 1), 1e-3, 2);
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Path x = dir.resolve("x.npy");
        Path hist = dir.resolve("h.csv");
        Npy.write(a, p.a(), false);
        Npy.write(bp, b);
        Run r = run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--power", "1",
                "--out", x.toString(), "--json", "--method", "lsqr", "--history", hist.toString(),
                "--tier", DEFAULT_TIER);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"problem\": \"lstsq-power\""), r.out());
        for (String key : new String[] {"\"n\": 400", "\"d\": 6", "\"power\": 1", "\"method\": \"lsqr\"",
            "\"sketch\": \"sparse-sign\"", "\"sketch_rows\": 24", "\"iterations\"", "\"relative_residual\"",
            "\"converged\": true", "\"seconds\": {\"sketch\""}) {
            assertTrue(r.out().contains(key), key + " missing in " + r.out());
        }
        double[] want = PowerSolver.lstsqPower(p.a(), b, 1,
                PowerOptions.builder().method(akr.solvers.power.Method.LSQR).build()).x();
        assertArrayEquals(want, MatrixFiles.readVector(x));
        String history = Files.readString(hist);
        assertTrue(history.startsWith("phase,iteration,residual_estimate,seconds\nlsqr,1,"), history);
    }

    /**
     * Without --tier a small solve runs the scalar tier when the default is SIMD (compiling the
     * vector loops would cost more than they save in a fresh JVM), and says so; --tier and
     * -Dakr.kernels are obeyed; a bad --tier is a usage error before any work.
     */
    @Test
    void tierAutoRunsSmallSolvesOnTheScalarTierAndSaysWhy() throws IOException {
        SyntheticProblem p = problem();
        double[] b = p.lstsqRhs(0, SyntheticProblem.gaussian(6, 1, 1), 1e-3, 2);
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Npy.write(a, p.a(), false);
        Npy.write(bp, b);
        Run auto = run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--json");
        assertEquals(0, auto.code(), auto.err());
        assertTrue(auto.out().contains("\"a_read_whole\": false"), "a .npy is read block by block: " + auto.out());
        KernelProvider.Selection sel = KernelProvider.selection();
        if (sel.tier() == Tier.SIMD && !sel.forced()) {
            assertTrue(auto.out().contains("\"tier\": \"scalar\", \"tier_reason\": \"auto: about "), auto.out());
            double[] x = PowerSolver.lstsqPower(p.a(), b, 0,
                    PowerOptions.builder().kernels(Kernels.defaults().withTier(Tier.SCALAR)).build()).x();
            Path xp = dir.resolve("x.npy");
            assertEquals(0, run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--quiet",
                    "--out", xp.toString()).code());
            assertArrayEquals(x, MatrixFiles.readVector(xp));
        } else {
            assertTrue(auto.out().contains("\"tier\": \"" + sel.tier().key() + "\""), auto.out());
        }
        Run scalar = run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--tier", "reference");
        assertEquals(0, scalar.code(), scalar.err());
        assertTrue(scalar.out().contains("tier reference (--tier reference)"), scalar.out());
        Run bad = run("solve", "lstsq-power", "--a", dir.resolve("missing.npy").toString(), "--b", bp.toString(),
                "--tier", "fast");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("'fast' is not one of"), bad.err());
    }

    @Test
    void threadsOptionRunsOnAPrivatePoolWithTheSameBits() throws IOException {
        SyntheticProblem p = problem();
        double[] b = p.lstsqRhs(1, SyntheticProblem.gaussian(6, 1, 1), 1e-3, 2);
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Npy.write(a, p.a(), false);
        Npy.write(bp, b);
        double[] want = PowerSolver.lstsqPower(p.a(), b, 1, PowerOptions.defaults()).x();
        for (String threads : new String[] {"1", "2"}) {
            Path x = dir.resolve("x" + threads + ".npy");
            Run r = run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--power", "1",
                    "--threads", threads, "--out", x.toString(), "--quiet", "--tier", DEFAULT_TIER);
            assertEquals(0, r.code(), r.err());
            assertArrayEquals(want, MatrixFiles.readVector(x), "--threads " + threads);
        }
        Run zero = run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--threads", "0");
        assertEquals(2, zero.code());
        assertTrue(zero.err().contains("--threads: 0"), zero.err());
    }

    @Test
    void usageShowsTheLibraryDefaults() {
        Run r = run("solve", "--help");
        PowerOptions d = PowerOptions.defaults();
        for (String s : new String[] {"(default 1e-10)", "(default " + d.maxIterations() + ")",
            "(default " + d.seed() + ")", "(default " + d.sketch().key() + ")", "(default " + d.method().key() + ")"}) {
            assertTrue(r.out().contains(s), s + " missing in " + r.out());
        }
        CliRun c = CliRun.of("solve", "--help");
        assertEquals(Formats.compact(PowerOptions.DEFAULT_TOLERANCE), c.after("residual (default ", ')'));
        assertEquals(PowerOptions.DEFAULT_TOLERANCE, Double.parseDouble(c.after("residual (default ", ')')));
        assertEquals(SolveCommand.DEFAULT_LSTSQ_POWER + " for lstsq-power, " + SolveCommand.DEFAULT_GRAM_POWER
                + " for gram-power", c.after("the power j (default ", ')'));
    }

    /** The usage's sketch-rows rule (there is no constant to print) must agree with what the sketches use. */
    @Test
    void usageSketchRowsRuleMatchesTheSketches() {
        assertEquals("4d; 2d^2 for countsketch; at most n", CliRun.of("solve", "--help").after("sketch rows (default ", ')'));
        int n = 1_000_000;
        int d = 10;
        for (SketchKind k : SketchKind.values()) {
            assertEquals(k == SketchKind.COUNTSKETCH ? 2 * d * d : 4 * d, k.defaultRows(n, d), k.key());
            assertEquals(300, k.defaultRows(300, 100), k.key() + " at most n");
        }
    }

    @Test
    void powerDefaultsToTheDocumentedValue() throws IOException {
        SyntheticProblem p = problem();
        Path a = dir.resolve("A.npy");
        Npy.write(a, p.a(), false);
        Path bd = dir.resolve("bd.npy");
        Npy.write(bd, p.gramPowerTimes(1, SyntheticProblem.gaussian(6, 2, 2)));
        Path bn = dir.resolve("bn.npy");
        Npy.write(bn, p.lstsqRhs(0, SyntheticProblem.gaussian(6, 1, 1), 1e-3, 2));
        Run gram = run("solve", "gram-power", "--a", a.toString(), "--b", bd.toString(), "--json");
        assertEquals(0, gram.code(), gram.err());
        assertTrue(gram.out().contains("\"power\": " + SolveCommand.DEFAULT_GRAM_POWER + ","), gram.out());
        Run lstsq = run("solve", "lstsq-power", "--a", a.toString(), "--b", bn.toString(), "--json");
        assertEquals(0, lstsq.code(), lstsq.err());
        assertTrue(lstsq.out().contains("\"power\": " + SolveCommand.DEFAULT_LSTSQ_POWER + ","), lstsq.out());
    }

    @Test
    void csvInputWorksForGramPower() throws IOException {
        SyntheticProblem p = problem();
        double[] xStar = SyntheticProblem.gaussian(6, 2, 2);
        double[] b = p.gramPowerTimes(2, xStar);
        Path a = dir.resolve("A.csv");
        Path bp = dir.resolve("b.csv");
        writeCsv(a, p.a());
        writeCsv(bp, DenseMatrix.wrap(b, b.length, 1));
        Path x = dir.resolve("x.npy");
        Run r = run("solve", "gram-power", "--a", a.toString(), "--b", bp.toString(), "--power", "2", "--out",
                x.toString(), "--quiet");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("converged"), r.out());
        assertTrue(r.out().contains("A read whole"), "a text file is read whole: " + r.out());
        assertTrue(SyntheticProblem.forwardError(MatrixFiles.readVector(x), xStar) < 1e-6);
    }

    @Test
    void methodsWithoutASketchReportNone() throws IOException {
        SyntheticProblem p = problem();
        double[] b = p.gramPowerTimes(1, SyntheticProblem.gaussian(6, 2, 2));
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Npy.write(a, p.a(), false);
        Npy.write(bp, b);
        for (String method : new String[] {"normal", "direct"}) {
            Run r = run("solve", "gram-power", "--a", a.toString(), "--b", bp.toString(), "--method", method, "--json");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("\"sketch\": \"none\"") && r.out().contains("\"sketch_rows\": 0"),
                    method + ": " + r.out());
        }
        Run r = run("solve", "gram-power", "--a", a.toString(), "--b", bp.toString(), "--method", "cholqr", "--json");
        assertTrue(r.out().contains("\"sketch\": \"sparse-sign\""), r.out());
    }

    @Test
    void notConvergingExitsOneAndStillWritesX() throws IOException {
        SyntheticProblem p = problem();
        double[] b = p.lstsqRhs(0, SyntheticProblem.gaussian(6, 1, 1), 0.1, 2);
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Path x = dir.resolve("x.npy");
        Npy.write(a, p.a(), false);
        Npy.write(bp, b);
        Run r = run("solve", "lstsq-power", "--a", a.toString(), "--b", bp.toString(), "--method", "gd",
                "--max-iter", "1", "--tol", "1e-15", "--out", x.toString(), "--json");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("\"converged\": false"), r.out());
        assertTrue(Files.exists(x));
    }

    @Test
    void everyErrorPathExitsTwoWithOneLineAndWritesNothing() throws IOException {
        SyntheticProblem p = problem();
        Path a = dir.resolve("A.npy");
        Npy.write(a, p.a(), false);
        Path b = dir.resolve("b.npy");
        Npy.write(b, new double[400]);
        Path shortB = dir.resolve("short.npy");
        Npy.write(shortB, new double[399]);
        Path nan = dir.resolve("nan.npy");
        DenseMatrix bad = p.a().copy();
        bad.set(3, 2, Double.NaN);
        Npy.write(nan, bad, false);
        Path truncated = dir.resolve("trunc.npy");
        byte[] full = Files.readAllBytes(a);
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length - 9));
        Path ints = dir.resolve("ints.npy");
        byte[] intFile = Files.readAllBytes(b);
        String header = new String(intFile, 0, 128, StandardCharsets.ISO_8859_1).replace("<f8", "<i8");
        System.arraycopy(header.getBytes(StandardCharsets.ISO_8859_1), 0, intFile, 0, 128);
        Files.write(ints, intFile);
        Path x = dir.resolve("x.npy");
        String[][] cases = {
            {"no such file", "--a", dir.resolve("nope.npy").toString(), "--b", b.toString()},
            {"truncated", "--a", truncated.toString(), "--b", b.toString()},
            {"dtype", "--a", a.toString(), "--b", ints.toString()},
            {"must be finite", "--a", nan.toString(), "--b", b.toString()},
            {"length 399", "--a", a.toString(), "--b", shortB.toString()},
            {"unknown option", "--a", a.toString(), "--b", b.toString(), "--frobnicate", "1"},
            {"is not one of", "--a", a.toString(), "--b", b.toString(), "--method", "magic"},
            {"out of range", "--a", a.toString(), "--b", b.toString(), "--power", "-1"},
            {"missing required option --b", "--a", a.toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "solve";
            args[1] = "lstsq-power";
            System.arraycopy(c, 1, args, 2, c.length - 1);
            args[args.length - 2] = "--out";
            args[args.length - 1] = x.toString();
            Run r = run(args);
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[0]), "'" + c[0] + "' not in: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(Files.exists(x), c[0] + " wrote an output file");
        }
        assertEquals(2, run("solve", "no-such-problem").code());
        assertEquals(2, run("frobnicate").code());
    }

    @Test
    void helpForEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"solve", "--help"}, {"info", "--help"}, {"demo", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().contains("usage"), r.out());
        }
    }
}
