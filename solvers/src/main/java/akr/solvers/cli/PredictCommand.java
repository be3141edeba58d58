package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.expgram.ExpGramOverflowException;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/** {@code akr predict ...}: the attention output exp(B Aᵀ) x of a solved x at new points. */
final class PredictCommand implements Command {

    private static final Set<String> VALUED = Set.of("a", "x", "queries", "out", "threads");
    private static final Set<String> FLAGS = Set.of("help");

    @Override
    public String name() {
        return "predict";
    }

    @Override
    public String summary() {
        return "attention output exp(B A^T) x at new points (./akr predict --help)";
    }

    static void usage(PrintStream s) {
        s.println("usage: ./akr predict --a A --x x --queries B --out y.npy [--threads N]");
        s.println("  writes y = exp(B A^T) x (the attention output at the m query points, rows of B m x d)");
        s.println("  --threads N runs on a pool of N threads (default: the shared pool, all processors)");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        Args a = new Args(args, VALUED, FLAGS);
        if (a.flag("help")) {
            usage(out);
            return 0;
        }
        a.requireNoPositional();
        OptionalInt threadCount = AttentionCommand.threads(a);
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
        int threads;
        try (Kernels kernels = AttentionCommand.kernels(threadCount)) {
            threads = kernels.threads();
            y = AttentionSolver.predict(am, x, q, kernels);
        } catch (ExpGramOverflowException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Npy.write(outPath, y);
        out.printf(Locale.ROOT, "predict  n=%d d=%d queries=%d threads=%d  %.3f s  y written to %s%n", am.rows(),
                am.cols(), q.rows(), threads, (System.nanoTime() - t) * 1e-9, outPath);
        return 0;
    }
}
