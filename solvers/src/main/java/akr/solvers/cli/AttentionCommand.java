package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.expgram.ExpGramOverflowException;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** {@code akr solve attention ...} and {@code akr predict ...}: attention kernel regression. */
final class AttentionCommand {

    private static final Set<String> VALUED = Set.of("a", "b", "ridge", "precond", "rank", "degree", "mu", "out",
            "tol", "max-iter", "seed", "threads", "history", "memory-limit");
    private static final Set<String> FLAGS = Set.of("json", "quiet", "help");
    private static final Set<String> PREDICT_VALUED = Set.of("a", "x", "queries", "out", "threads");
    private static final Set<String> PREDICT_FLAGS = Set.of("help");

    private AttentionCommand() {
    }

    static void usage(PrintStream s) {
        s.println("usage: ./akr solve attention --a A --b b [options]   (exp(A A^T) + ridge I) x = b, exp entrywise");
        s.println();
        s.println("  --a FILE            A (n x d): .npy (float64/float32) or .csv/text");
        s.println("  --b FILE            b, length n");
        s.println("  --ridge L           ridge lambda >= 0 (default 0)");
        s.println("  --precond P         auto | rpcholesky | sketch | jacobi | none | direct (default auto:");
        s.println("                      rpcholesky, or jacobi when the kernel's spectrum is flat)");
        s.println("  --rank K            rank of rpcholesky / sketch features (default 512, at most n)");
        s.println("  --degree Q          Taylor degree of the sketch preconditioner (default: from the row norms)");
        s.println("  --mu M              shift of the low-rank preconditioners (default: mean uncaptured diagonal)");
        s.println("  --memory-limit GB   memory the direct route may use for the n x n kernel (default 3/4 of the heap)");
        s.println("  --out FILE.npy      write x (float64), atomically");
        s.println("  --tol T             target relative residual |(K + lambda I) x - b| / |b| (default 1e-10)");
        s.println("  --max-iter N        PCG iteration limit (default 300)");
        s.println("  --seed S            seed of the preconditioner's randomness (default 1)");
        s.println("  --threads N         threads (default: all processors)");
        s.println("  --json              print the result as one JSON object");
        s.println("  --history FILE.csv  residual estimate per iteration");
        s.println("  --quiet             no progress display");
        s.println();
        s.println("exit codes: 0 converged, 1 finished without converging (x written), 2 usage or input error");
    }

    static void predictUsage(PrintStream s) {
        s.println("usage: ./akr predict --a A --x x --queries B --out y.npy [--threads N]");
        s.println("  writes y = exp(B A^T) x (the attention output at the m query points, rows of B m x d)");
    }

    static int solve(String[] args, PrintStream out, PrintStream err) throws IOException {
        Args a = new Args(args, VALUED, FLAGS);
        if (a.flag("help")) {
            usage(out);
            return 0;
        }
        if (!a.positional().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + a.positional().get(0) + "'");
        }
        double limitGb = a.doubleValue("memory-limit", 0);
        if (!(limitGb >= 0) || Double.isInfinite(limitGb)) {
            throw new IllegalArgumentException("--memory-limit " + a.get("memory-limit") + ": must be a size in GB >= 0");
        }
        AttentionOptions opts = AttentionOptions.defaults()
                .withRidge(a.doubleValue("ridge", 0))
                .withPreconditioner(Preconditioner.parse(a.get("precond") == null ? "auto" : a.get("precond")))
                .withRank(a.intValue("rank", 0))
                .withSketchDegree(a.intValue("degree", 0))
                .withShift(a.doubleValue("mu", Double.NaN))
                .withTolerance(a.doubleValue("tol", 1e-10))
                .withMaxIterations(a.intValue("max-iter", 300))
                .withSeed(a.longValue("seed", 1))
                .withThreads(a.intValue("threads", 0))
                .withMemoryLimitBytes((long) (limitGb * 1e9));
        Path outPath = a.get("out") == null ? null : Path.of(a.get("out"));
        Path historyPath = a.get("history") == null ? null : Path.of(a.get("history"));
        SolveCommand.checkWritable(outPath);
        SolveCommand.checkWritable(historyPath);
        Path aPath = Path.of(a.require("a"));
        Path bPath = Path.of(a.require("b"));
        DenseMatrix am = SolveCommand.readMatrix(aPath);
        double[] b = SolveCommand.readVector(bPath);
        MatrixFiles.requireFinite(aPath, am);
        MatrixFiles.requireFinite(bPath, DenseMatrix.wrap(b, b.length, 1));

        Progress progress = new Progress(err, a.flag("quiet") || a.flag("json"));
        AttentionResult r;
        try {
            r = AttentionSolver.solve(am, b, opts.withListener(progress));
        } finally {
            progress.finish();
        }
        if (outPath != null) {
            Npy.write(outPath, r.x());
        }
        if (historyPath != null) {
            SolveCommand.writeHistory(historyPath, progress);
        }
        if (a.flag("json")) {
            out.println(json(am, opts, r));
        } else {
            report(out, am, opts, r, outPath);
        }
        return r.converged() ? 0 : 1;
    }

    static int predict(String[] args, PrintStream out) throws IOException {
        Args a = new Args(args, PREDICT_VALUED, PREDICT_FLAGS);
        if (a.flag("help")) {
            predictUsage(out);
            return 0;
        }
        if (!a.positional().isEmpty()) {
            throw new IllegalArgumentException("unexpected argument '" + a.positional().get(0) + "'");
        }
        Path outPath = Path.of(a.require("out"));
        SolveCommand.checkWritable(outPath);
        Path aPath = Path.of(a.require("a"));
        Path xPath = Path.of(a.require("x"));
        Path qPath = Path.of(a.require("queries"));
        DenseMatrix am = SolveCommand.readMatrix(aPath);
        double[] x = SolveCommand.readVector(xPath);
        DenseMatrix q = SolveCommand.readMatrix(qPath);
        MatrixFiles.requireFinite(aPath, am);
        MatrixFiles.requireFinite(xPath, DenseMatrix.wrap(x, x.length, 1));
        MatrixFiles.requireFinite(qPath, q);
        long t = System.nanoTime();
        double[] y;
        try {
            y = AttentionSolver.predict(am, x, q);
        } catch (ExpGramOverflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Npy.write(outPath, y);
        out.printf(Locale.ROOT, "predict  n=%d d=%d queries=%d  %.3f s  y written to %s%n", am.rows(), am.cols(),
                q.rows(), (System.nanoTime() - t) * 1e-9, outPath);
        return 0;
    }

    private static String json(DenseMatrix a, AttentionOptions o, AttentionResult r) {
        return new Json()
                .put("problem", "attention")
                .put("n", a.rows())
                .put("d", a.cols())
                .put("ridge", o.ridge())
                .put("preconditioner", r.preconditioner().key())
                .put("rank", r.rank())
                .put("shift", r.shift())
                .put("sketch_degree", r.sketchDegree())
                .put("iterations", r.iterations())
                .put("relative_residual", r.relativeResidual())
                .put("converged", r.converged())
                .put("condition_estimate", r.conditionEstimate())
                .put("seconds", new Json()
                        .put("preconditioner", r.preconditionerSeconds())
                        .put("iterate", r.iterateSeconds())
                        .put("total", r.totalSeconds()))
                .toString();
    }

    private static void report(PrintStream out, DenseMatrix a, AttentionOptions o, AttentionResult r, Path outPath) {
        out.printf(Locale.ROOT, "attention  n=%d d=%d ridge=%g  preconditioner=%s", a.rows(), a.cols(), o.ridge(),
                r.preconditioner().key());
        if (r.preconditioner().isLowRank()) {
            out.printf(Locale.ROOT, " rank=%d mu=%.3g", r.rank(), r.shift());
        }
        if (r.sketchDegree() > 0) {
            out.printf(Locale.ROOT, " degree=%d", r.sketchDegree());
        }
        out.println();
        out.printf(Locale.ROOT, "  %s after %d iterations%n", r.converged() ? "converged" : "NOT converged",
                r.iterations());
        out.printf(Locale.ROOT, "  relative residual        %.3e%n", r.relativeResidual());
        out.printf(Locale.ROOT, "  cond(P^-1 H) ~ %.3g%n", r.conditionEstimate());
        out.printf(Locale.ROOT, "  seconds: preconditioner %.3f  iterate %.3f  total %.3f%n", r.preconditionerSeconds(),
                r.iterateSeconds(), r.totalSeconds());
        if (outPath != null) {
            out.println("  x written to " + outPath);
        }
    }
}
