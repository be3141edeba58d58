package akr.solvers.cli;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.AttentionResult;
import akr.solvers.attention.AttentionSolver;
import akr.solvers.attention.Preconditioner;
import akr.solvers.attention.Route;
import akr.solvers.io.MatrixFiles;
import akr.solvers.io.Npy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

/** {@code akr solve attention ...}: attention kernel regression (its prediction is {@link PredictCommand}). */
final class AttentionCommand {

    private static final Set<String> VALUED = Set.of("a", "b", "ridge", "precond", "rank", "degree", "mu", "out",
            "tol", "max-iter", "seed", "threads", "history", "memory", "route", "tier");
    private static final Set<String> FLAGS = Set.of("json", "quiet", "help");

    private AttentionCommand() {
    }

    static void usage(PrintStream s) {
        s.println("usage: ./akr solve attention --a A --b b [options]   (exp(A A^T) + ridge I) x = b, exp entrywise");
        s.println();
        s.println("  --a FILE            A (n x d): .npy (float64/float32) or .csv/text");
        s.println("  --b FILE            b, length n; or B (n x r): r right-hand sides solved together");
        s.println("  --ridge L           ridge lambda >= 0 (default "
                + Formats.compact(AttentionOptions.defaults().ridge()) + ")");
        s.println("  --route R           auto | dense | materialised | matrix-free (default "
                + AttentionOptions.defaults().route().key() + ": the fastest that fits --memory)");
        s.println("  --precond P         auto | rpcholesky | sketch | jacobi | none (default "
                + AttentionOptions.defaults().preconditioner().key() + ":");
        s.println("                      rpcholesky, or jacobi when the kernel's spectrum is flat)");
        s.println("  --rank K            fixed rank of rpcholesky / sketch features (default: rpcholesky adapts it, at most "
                + AttentionOptions.DEFAULT_MAX_RANK + "; sketch " + AttentionOptions.DEFAULT_RANK + ")");
        s.println("  --degree Q          Taylor degree of the sketch preconditioner (default: from the row norms)");
        s.println("  --mu M              shift of the low-rank preconditioners (default: mean uncaptured diagonal)");
        s.println("  --memory GB         memory budget of the solve: stored matrix, preconditioner factor, PCG vectors");
        s.println("                      (default half of the JVM's maximum heap; JAVA_OPTS=-Xmx... raises the heap)");
        s.println("  --out FILE.npy      write x (float64; n x r for a block B), atomically");
        s.println("  --tol T             target relative residual |(K + lambda I) x - b| / |b| (default "
                + Formats.compact(AttentionOptions.DEFAULT_TOLERANCE) + ")");
        s.println("  --max-iter N        PCG iteration limit (default " + AttentionOptions.DEFAULT_MAX_ITERATIONS + ")");
        s.println("  --seed S            seed of the preconditioner's randomness (default " + AttentionOptions.DEFAULT_SEED
                + ")");
        s.println("  --threads N         threads (default: the shared pool, all processors)");
        s.println("  --tier T            auto | simd | scalar | reference (default auto: simd from about "
                + Formats.compact(SolveTier.SIMD_MIN_FLOPS) + " flops, below that scalar, which wins in a fresh JVM)");
        s.println("  --json              print the result as one JSON object");
        s.println("  --history FILE.csv  residual estimate per iteration");
        s.println("  --quiet             no progress display");
        s.println("  --route, --rank, --degree, --mu, --memory and --threads also take 'auto': the default rule");
        s.println();
        s.println("exit codes: 0 converged, 1 finished without converging (x written), 2 usage or input error");
    }

    static int solve(String[] args, PrintStream out, PrintStream err) throws IOException {
        Args a = new Args(args, VALUED, FLAGS);
        if (a.flag("help")) {
            usage(out);
            return 0;
        }
        a.requireNoPositional();
        AttentionOptions opts = options(a);
        OptionalInt threads = threads(a);
        Path outPath = a.get("out") == null ? null : Path.of(a.get("out"));
        Path historyPath = a.get("history") == null ? null : Path.of(a.get("history"));
        SolveCommand.checkWritable(outPath);
        SolveCommand.checkWritable(historyPath);
        SolveTier.check(a.get("tier"));
        Path aPath = Path.of(a.require("a"));
        Path bPath = Path.of(a.require("b"));
        DenseMatrix am = SolveCommand.readMatrix(aPath);
        DenseMatrix bm = SolveCommand.readMatrix(bPath);
        MatrixFiles.requireFinite(aPath, am);
        MatrixFiles.requireFinite(bPath, bm);
        boolean block = bm.rows() > 1 && bm.cols() > 1;

        SolveTier.Choice tier = SolveTier.choose(a.get("tier"), SolveTier.attentionFlops(am.rows(), am.cols()));
        Progress progress = new Progress(err, a.flag("quiet") || a.flag("json"));
        AttentionResult r;
        try (Kernels kernels = tier.kernels(threads)) {
            AttentionOptions run = opts.toBuilder().kernels(kernels).listener(progress).build();
            r = block ? AttentionSolver.solve(am, bm, run) : AttentionSolver.solve(am, bm.copy().data(), run);
        } finally {
            progress.finish();
        }
        if (outPath != null) {
            if (block) {
                Npy.write(outPath, r.solutions(), false);
            } else {
                Npy.write(outPath, r.x());
            }
        }
        if (historyPath != null) {
            SolveCommand.writeHistory(historyPath, progress);
        }
        if (a.flag("json")) {
            out.println(json(am, opts, r, tier));
        } else {
            report(out, am, opts, r, tier, outPath);
        }
        return r.converged() ? 0 : 1;
    }

    /**
     * The options of {@code solve attention} from the command line: every absent option keeps the
     * value of {@link AttentionOptions#defaults()}, including its automatic rules ({@code auto} names
     * a rule explicitly).
     */
    static AttentionOptions options(Args a) {
        AttentionOptions.Builder o = AttentionOptions.defaults().toBuilder();
        if (a.get("ridge") != null) {
            o.ridge(a.doubleValue("ridge", 0));
        }
        if (!isAuto(a, "route")) {
            o.route(Route.parse(a.get("route")));
        }
        if (a.get("precond") != null) {
            o.preconditioner(Preconditioner.parse(a.get("precond")));
        }
        if (!isAuto(a, "rank")) {
            o.rank(a.intValue("rank", 0));
        }
        if (!isAuto(a, "degree")) {
            o.sketchDegree(a.intValue("degree", 0));
        }
        if (!isAuto(a, "mu")) {
            o.shift(a.doubleValue("mu", 0));
        }
        if (a.get("tol") != null) {
            o.tolerance(a.doubleValue("tol", 0));
        }
        if (a.get("max-iter") != null) {
            o.maxIterations(a.intValue("max-iter", 0));
        }
        if (a.get("seed") != null) {
            o.seed(a.longValue("seed", 0));
        }
        if (!isAuto(a, "memory")) {
            double limitGb = a.doubleValue("memory", 0);
            if (!(limitGb > 0) || Double.isInfinite(limitGb)) {
                throw new IllegalArgumentException("--memory " + a.get("memory") + ": must be a size in GB > 0");
            }
            o.memoryLimitBytes(Math.max(1, (long) (limitGb * 1e9)));
        }
        return o.build();
    }

    /**
     * The kernel context of {@code --threads N}: the default tier on a private pool of N threads
     * (closed by the caller), or {@link Kernels#defaults()} without the option.
     */
    static Kernels kernels(OptionalInt threads) {
        return threads.isPresent() ? Kernels.defaults().withThreads(threads.getAsInt()) : Kernels.defaults();
    }

    /** {@code --threads N}, checked before any work; absent (or {@code auto}) for the shared pool. */
    static OptionalInt threads(Args a) {
        if (isAuto(a, "threads")) {
            return OptionalInt.empty();
        }
        int threads = a.intValue("threads", 0);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads " + a.get("threads") + ": must be >= 1");
        }
        return OptionalInt.of(threads);
    }

    private static boolean isAuto(Args a, String name) {
        return a.get(name) == null || a.get(name).trim().equals("auto");
    }

    private static String json(DenseMatrix a, AttentionOptions o, AttentionResult r, SolveTier.Choice tier) {
        return new Json()
                .put("problem", "attention")
                .put("n", a.rows())
                .put("d", a.cols())
                .put("columns", r.columns())
                .put("ridge", o.ridge())
                .put("route", r.route().key())
                .put("preconditioner", r.preconditioner().map(Preconditioner::key).orElse("none needed"))
                .put("rank", r.rank())
                .put("rank_stop", r.rankStop().key())
                .put("shift", r.shift())
                .put("sketch_degree", r.sketchDegree())
                .put("iterations", r.iterations())
                .put("relative_residual", r.relativeResidual())
                .put("converged", r.converged())
                .put("condition_estimate", r.conditionEstimate())
                .put("memory_bytes", r.memoryBytes())
                .put("memory_budget_bytes", o.effectiveMemoryLimit())
                .put("tier", tier.tier().key())
                .put("tier_reason", tier.reason())
                .put("seconds", new Json()
                        .put("matrix", r.timings().matrixSeconds())
                        .put("preconditioner", r.timings().preconditionerSeconds())
                        .put("iterate", r.timings().iterateSeconds())
                        .put("total", r.timings().totalSeconds()))
                .toString();
    }

    private static void report(PrintStream out, DenseMatrix a, AttentionOptions o, AttentionResult r,
                               SolveTier.Choice tier, Path outPath) {
        out.printf(Locale.ROOT, "attention  n=%d d=%d%s ridge=%g  route=%s", a.rows(), a.cols(),
                r.columns() > 1 ? " r=" + r.columns() : "", o.ridge(), r.route().key());
        r.preconditioner().ifPresent(p -> out.printf(Locale.ROOT, " preconditioner=%s", p.key()));
        if (r.preconditioner().map(Preconditioner::isLowRank).orElse(false)) {
            out.printf(Locale.ROOT, " rank=%d (%s) mu=%.3g", r.rank(), r.rankStop().key(), r.shift());
        }
        if (r.sketchDegree() > 0) {
            out.printf(Locale.ROOT, " degree=%d", r.sketchDegree());
        }
        out.println();
        out.printf(Locale.ROOT, "  %s after %d iterations%n", r.converged() ? "converged" : "NOT converged",
                r.iterations());
        out.printf(Locale.ROOT, "  relative residual        %.3e%s%n", r.relativeResidual(),
                r.columns() > 1 ? " (largest of " + r.columns() + " columns)" : "");
        out.printf(Locale.ROOT, "  memory %.3f GB of a %.3f GB budget%n", r.memoryBytes() / 1e9,
                o.effectiveMemoryLimit() / 1e9);
        out.printf(Locale.ROOT, "  cond(P^-1 H) ~ %.3g%n", r.conditionEstimate());
        out.printf(Locale.ROOT, "  tier %s (%s)%n", tier.tier().key(), tier.reason());
        AttentionResult.Timings t = r.timings();
        out.printf(Locale.ROOT, "  seconds: matrix %.3f  %s %.3f  %s %.3f  total %.3f%n", t.matrixSeconds(),
                r.route() == Route.DENSE ? "factor" : "preconditioner", t.preconditionerSeconds(),
                r.route() == Route.DENSE ? "solve" : "iterate", t.iterateSeconds(), t.totalSeconds());
        if (outPath != null) {
            out.println("  x written to " + outPath);
        }
    }
}
