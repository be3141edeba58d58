package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.random.CounterRandom;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code akr solve attention} and {@code akr predict}: round trips, exit codes, every error path. */
class AttentionCommandTest {

    private static final int N = 300;
    private static final int D = 8;

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

    private static DenseMatrix points(int n, long seed) {
        DenseMatrix a = DenseMatrix.zeros(n, D);
        double s = Math.pow(D, -0.25);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < D; j++) {
                a.set(i, j, s * CounterRandom.gaussian(seed, 1, (long) i * D + j));
            }
        }
        return a;
    }

    private static double[] rhs(int n) {
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = CounterRandom.gaussian(9, 2, i);
        }
        return b;
    }

    @Test
    void solveRoundTripMatchesTheLibraryAndPredictWritesTheAttentionOutput() throws IOException {
        DenseMatrix am = points(N, 1);
        double[] b = rhs(N);
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Path x = dir.resolve("x.npy");
        Path hist = dir.resolve("h.csv");
        Npy.write(a, am, false);
        Npy.write(bp, b);
        Run r = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--ridge", "1e-2",
                "--route", "materialised", "--precond", "rpcholesky", "--rank", "40", "--out", x.toString(), "--json",
                "--history", hist.toString(),
                "--tier", Kernels.defaults().tier().key()); // the library default's tier, whose bits are compared below
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"problem\": \"attention\""), r.out());
        for (String key : new String[] {"\"n\": 300", "\"d\": 8", "\"ridge\": 0.0100000", "\"preconditioner\": \"rpcholesky\"",
            "\"route\": \"materialised\"", "\"rank\": 40", "\"rank_stop\": \"fixed\"", "\"memory_bytes\"", "\"shift\"", "\"iterations\"", "\"relative_residual\"", "\"converged\": true",
            "\"condition_estimate\"", "\"seconds\": {\"matrix\""}) {
            assertTrue(r.out().contains(key), key + " missing in " + r.out());
        }
        double[] want = AttentionSolver.solve(am, b, AttentionOptions.builder().ridge(1e-2).route(Route.MATERIALISED)
                .preconditioner(Preconditioner.RPCHOLESKY).rank(40).build()).x();
        assertArrayEquals(want, MatrixFiles.readVector(x));
        assertTrue(Files.readString(hist).startsWith("phase,iteration,residual_estimate,seconds\npcg,1,"));

        DenseMatrix queries = points(7, 2);
        Path q = dir.resolve("B.npy");
        Npy.write(q, queries, false);
        Path y = dir.resolve("y.npy");
        Run p = run("predict", "--a", a.toString(), "--x", x.toString(), "--queries", q.toString(), "--out", y.toString());
        assertEquals(0, p.code(), p.err());
        assertArrayEquals(AttentionSolver.predict(am, want, queries), MatrixFiles.readVector(y));

        Run text = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--route", "matrix-free",
                "--precond", "sketch", "--quiet");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("route=matrix-free preconditioner=sketch") && text.out().contains("converged after"),
                text.out());
        Run dense = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--quiet");
        assertEquals(0, dense.code(), dense.err());
        assertTrue(dense.out().contains("route=dense") && !dense.out().contains("preconditioner="), dense.out());
    }

    /** A 2-D --b is r right-hand sides solved together; --out then holds the n×r solutions. */
    @Test
    void aTwoDimensionalRightHandSideIsSolvedAsABlock() throws IOException {
        DenseMatrix am = points(N, 1);
        DenseMatrix bm = DenseMatrix.zeros(N, 3);
        double[] b0 = rhs(N);
        for (int i = 0; i < N; i++) {
            bm.set(i, 0, b0[i]);
            bm.set(i, 1, -2 * b0[i]);
            bm.set(i, 2, i % 7);
        }
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("B.npy");
        Path x = dir.resolve("X.npy");
        Npy.write(a, am, false);
        Npy.write(bp, bm, false);
        Run r = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--ridge", "1e-2", "--route",
                "materialised", "--out", x.toString(), "--json", "--tier", Kernels.defaults().tier().key());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"columns\": 3"), r.out());
        DenseMatrix want = AttentionSolver.solve(am, bm, AttentionOptions.builder().ridge(1e-2)
                .route(Route.MATERIALISED).build()).solutions();
        DenseMatrix got = MatrixFiles.readMatrix(x);
        assertEquals(N, got.rows());
        assertEquals(3, got.cols());
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(want.get(i, c), got.get(i, c), 0.0);
            }
        }
        Run text = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--ridge", "1e-2", "--quiet");
        assertTrue(text.out().contains(" r=3 ") && text.out().contains("(largest of 3 columns)"), text.out());
    }

    @Test
    void notConvergingExitsOneAndStillWritesX() throws IOException {
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Path x = dir.resolve("x.npy");
        Npy.write(a, points(N, 1), false);
        Npy.write(bp, rhs(N));
        Run r = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--precond", "none",
                "--max-iter", "2", "--out", x.toString(), "--json");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("\"converged\": false"), r.out());
        assertTrue(Files.exists(x));
    }

    @Test
    void everyErrorPathExitsTwoWithOneLineAndWritesNothing() throws IOException {
        DenseMatrix am = points(N, 1);
        Path a = dir.resolve("A.npy");
        Npy.write(a, am, false);
        Path b = dir.resolve("b.npy");
        Npy.write(b, rhs(N));
        Path shortB = dir.resolve("short.npy");
        Npy.write(shortB, new double[N - 1]);
        Path nan = dir.resolve("nan.npy");
        DenseMatrix bad = am.copy();
        bad.set(3, 2, Double.NaN);
        Npy.write(nan, bad, false);
        Path dup = dir.resolve("dup.npy");
        DenseMatrix dm = am.copy();
        for (int k = 0; k < D; k++) {
            dm.set(20, k, dm.get(4, k));
        }
        Npy.write(dup, dm, false);
        Path huge = dir.resolve("huge.npy");
        DenseMatrix hm = am.copy();
        for (int k = 0; k < D; k++) {
            hm.set(6, k, 10.0); // ‖a‖² = 800
        }
        Npy.write(huge, hm, false);
        Path x = dir.resolve("x.npy");
        String[][] cases = {
            {"no such file", "--a", dir.resolve("nope.npy").toString(), "--b", b.toString()},
            {"must be finite", "--a", nan.toString(), "--b", b.toString()},
            {"length " + (N - 1), "--a", a.toString(), "--b", shortB.toString()},
            {"unknown option", "--a", a.toString(), "--b", b.toString(), "--frobnicate", "1"},
            {"is not one of", "--a", a.toString(), "--b", b.toString(), "--precond", "magic"},
            {"ridge", "--a", a.toString(), "--b", b.toString(), "--ridge", "-1"},
            {"not a number", "--a", a.toString(), "--b", b.toString(), "--ridge", "lots"},
            {"rows 4 and 20", "--a", dup.toString(), "--b", b.toString()},
            {"[6]", "--a", huge.toString(), "--b", b.toString()},
            {"memory budget", "--a", a.toString(), "--b", b.toString(), "--route", "dense", "--memory", "1e-6"},
            {"memory budget", "--a", a.toString(), "--b", b.toString(), "--route", "materialised", "--memory", "1e-6"},
            {"dense route", "--a", a.toString(), "--b", b.toString(), "--precond", "direct"},
            {"is not one of auto, dense", "--a", a.toString(), "--b", b.toString(), "--route", "sparse"},
            {"--memory", "--a", a.toString(), "--b", b.toString(), "--memory", "-1"},
            {"rank", "--a", a.toString(), "--b", b.toString(), "--rank", "-3"},
            {"missing required option --b", "--a", a.toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 3];
            args[0] = "solve";
            args[1] = "attention";
            System.arraycopy(c, 1, args, 2, c.length - 1);
            args[args.length - 2] = "--out";
            args[args.length - 1] = x.toString();
            Run r = run(args);
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[0]), "'" + c[0] + "' not in: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(Files.exists(x), c[0] + " wrote an output file");
        }
        Path y = dir.resolve("y.npy");
        Path q = dir.resolve("q.npy");
        Npy.write(q, points(5, 3), false);
        Path wideQ = dir.resolve("wide.npy");
        Npy.write(wideQ, DenseMatrix.zeros(5, D + 1), false);
        Path farQ = dir.resolve("far.npy");
        DenseMatrix far = DenseMatrix.zeros(2, D);
        for (int k = 0; k < D; k++) {
            far.set(1, k, 30.0); // ⟨b, a⟩ far beyond 709 for some rows of A
            am.set(0, k, 30.0);
        }
        Npy.write(farQ, far, false);
        Path farA = dir.resolve("farA.npy");
        Npy.write(farA, am, false);
        String[][] predictCases = {
            {"length " + (N - 1), "--a", a.toString(), "--x", shortB.toString(), "--queries", q.toString()},
            {"columns", "--a", a.toString(), "--x", b.toString(), "--queries", wideQ.toString()},
            {"overflows", "--a", farA.toString(), "--x", b.toString(), "--queries", farQ.toString()},
            {"missing required option --queries", "--a", a.toString(), "--x", b.toString()},
            {"no such file", "--a", a.toString(), "--x", b.toString(), "--queries", dir.resolve("none.npy").toString()},
        };
        for (String[] c : predictCases) {
            String[] args = new String[c.length + 2];
            args[0] = "predict";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            args[args.length - 2] = "--out";
            args[args.length - 1] = y.toString();
            Run r = run(args);
            assertEquals(2, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().contains(c[0]), "'" + c[0] + "' not in: " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(Files.exists(y), c[0] + " wrote an output file");
        }
    }

    /**
     * {@code --threads N} runs on a pool of N threads (the predict line reports the context's
     * threads, so an ignored option shows as the shared pool's count), gives the bits of the shared
     * pool, and is checked before any work; {@code auto} names the default rules.
     */
    @Test
    void threadsAreHonouredBySolveAndPredict() throws IOException {
        DenseMatrix am = points(N, 1);
        Path a = dir.resolve("A.npy");
        Path bp = dir.resolve("b.npy");
        Npy.write(a, am, false);
        Npy.write(bp, rhs(N));
        Path x1 = dir.resolve("x1.npy");
        Path xd = dir.resolve("xd.npy");
        Run one = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--ridge", "1e-2", "--rank", "30",
                "--threads", "1", "--out", x1.toString(), "--json");
        Run dflt = run("solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--ridge", "1e-2", "--rank", "30",
                "--degree", "auto", "--mu", "auto", "--memory", "auto", "--route", "auto", "--threads", "auto", "--out", xd.toString(),
                "--json");
        assertEquals(0, one.code(), one.err());
        assertEquals(0, dflt.code(), dflt.err());
        assertArrayEquals(MatrixFiles.readVector(xd), MatrixFiles.readVector(x1));

        Path q = dir.resolve("B.npy");
        Npy.write(q, points(7, 2), false);
        for (String threads : new String[] {"1", "3"}) {
            Path y = dir.resolve("y" + threads + ".npy");
            Run p = run("predict", "--a", a.toString(), "--x", x1.toString(), "--queries", q.toString(), "--out",
                    y.toString(), "--threads", threads);
            assertEquals(0, p.code(), p.err());
            assertTrue(p.out().contains(" threads=" + threads + " "), p.out());
            assertArrayEquals(AttentionSolver.predict(am, MatrixFiles.readVector(x1), points(7, 2)),
                    MatrixFiles.readVector(y));
        }
        Run shared = run("predict", "--a", a.toString(), "--x", x1.toString(), "--queries", q.toString(), "--out",
                dir.resolve("ys.npy").toString());
        assertTrue(shared.out().contains(" threads=" + Kernels.defaults().threads() + " "), shared.out());

        Path none = dir.resolve("none.npy");
        for (String[] args : new String[][] {
            {"predict", "--a", a.toString(), "--x", x1.toString(), "--queries", q.toString(), "--out", none.toString(),
                "--threads", "0"},
            {"solve", "attention", "--a", a.toString(), "--b", bp.toString(), "--out", none.toString(), "--threads", "-2"},
        }) {
            Run r = run(args);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains("--threads") && r.err().contains("must be >= 1"), r.err());
            assertFalse(Files.exists(none));
        }
    }

    @Test
    void helpForTheAttentionCommands() {
        for (String[] args : new String[][] {{"solve", "attention", "--help"}, {"predict", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().contains("usage"), r.out());
        }
        assertTrue(run("--help").out().contains("predict"));
        assertTrue(run("solve", "--help").out().contains("attention"));
    }

    @Test
    void usageShowsTheLibraryDefaults() {
        CliRun r = CliRun.of("solve", "attention", "--help");
        assertEquals(0, r.code(), r.err());
        AttentionOptions d = AttentionOptions.defaults();
        assertEquals(Formats.compact(d.ridge()), r.after("ridge lambda >= 0 (default ", ')'));
        assertEquals(d.preconditioner().key(), r.after("| jacobi | none (default ", ':'));
        assertEquals(d.route().key(), r.after("| matrix-free (default ", ':'));
        assertEquals(Integer.toString(AttentionOptions.DEFAULT_MAX_RANK), r.after("adapts it, at most ", ';'));
        assertEquals(AttentionOptions.DEFAULT_RANK + ")", r.after("; sketch ", '\n').strip());
        assertEquals(Formats.compact(AttentionOptions.DEFAULT_TOLERANCE), r.after("/ |b| (default ", ')'));
        assertEquals(AttentionOptions.DEFAULT_TOLERANCE, Double.parseDouble(r.after("/ |b| (default ", ')')));
        assertEquals(Integer.toString(AttentionOptions.DEFAULT_MAX_ITERATIONS), r.after("iteration limit (default ", ')'));
        assertEquals(Long.toString(AttentionOptions.DEFAULT_SEED), r.after("randomness (default ", ')'));
    }
}
