package akr.spark.cli;

import akr.kernels.DenseMatrix;
import akr.solvers.attention.AttentionOptions;
import akr.solvers.attention.Preconditioner;
import akr.solvers.io.Npy;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.SketchKind;
import akr.spark.LocalSpark;
import akr.spark.RowBlocks;
import akr.spark.SparkAttentionResult;
import akr.spark.SparkAttentionSolver;
import akr.spark.SparkInputs;
import akr.spark.SparkPowerResult;
import akr.spark.SparkPowerSolver;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spark-solve}: the akr solvers on Spark, from the command line or through
 * {@code spark-submit --class akr.spark.cli.SparkSolve}. Exit codes as {@code ./akr solve}: 0
 * converged, 1 finished without converging (x written), 2 usage or input error.
 */
public final class SparkSolve {

    private static final String USAGE = String.join("\n",
            "usage: spark-solve lstsq-power|gram-power|attention --a PATH [options]",
            "  --a PATH            A: a .npy file, a directory of .npy shards (sorted by name; one partition each),",
            "                      or a Parquet file/directory (--format parquet)",
            "  --b PATH            b: .npy (a directory of shards matching A's for lstsq-power; length d for",
            "                      gram-power); with Parquet, lstsq-power takes b from --label instead",
            "  --format npy|parquet  (default: parquet when PATH ends in .parquet, else npy)",
            "  --features C1,C2    Parquet feature columns (numeric columns, or one array<double>); default all but the label",
            "  --label COL         Parquet column of b (lstsq-power)",
            "  --power J           the power j (default 0 for lstsq-power, 1 for gram-power)",
            "  --method cholqr|normal  --sketch srht|sparse-sign|countsketch|gaussian  --sketch-rows M",
            "  --preconditioner auto|rpcholesky|sketch|jacobi|none  --ridge L  --rank K   (attention)",
            "  --tol T  --max-iter N  --seed S  --block-rows R",
            "  --partitions P      partitions of a single .npy file of A (default: Spark's parallelism); shards are one each",
            "  --master URL        e.g. local[*] (default: spark-submit's master, else local[*])",
            "  --out x.npy         write x (float64)",
            "  --quiet             no report, only errors");

    private SparkSolve() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        Map<String, String> opt;
        String problem;
        try {
            if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
                out.println(USAGE);
                return argv.length == 0 ? 2 : 0;
            }
            problem = argv[0];
            if (!List.of("lstsq-power", "gram-power", "attention").contains(problem)) {
                throw new IllegalArgumentException("unknown problem '" + problem + "'\n" + USAGE);
            }
            opt = parse(Arrays.copyOfRange(argv, 1, argv.length));
            if (!opt.containsKey("a")) {
                throw new IllegalArgumentException("--a is required\n" + USAGE);
            }
        } catch (IllegalArgumentException e) {
            err.println("spark-solve: " + e.getMessage());
            return 2;
        }
        SparkSession spark = null;
        // a session that already runs in this JVM (an embedding application, the tests) is not ours to stop
        boolean ours = SparkSession.getDefaultSession().isEmpty();
        try {
            spark = session(opt.get("master"));
            JavaSparkContext sc = LocalSpark.context(spark);
            boolean quiet = opt.containsKey("quiet");
            double[] x;
            boolean converged;
            if (problem.equals("attention")) {
                SparkAttentionResult r = attention(sc, opt);
                x = r.x();
                converged = r.converged();
                if (!quiet) {
                    out.println(r);
                }
            } else {
                SparkPowerResult r = power(spark, sc, problem.equals("lstsq-power"), opt);
                x = r.x();
                converged = r.converged();
                if (!quiet) {
                    out.println(r);
                }
            }
            if (opt.containsKey("out")) {
                Npy.write(Path.of(opt.get("out")), x);
            }
            return converged ? 0 : 1;
        } catch (IllegalArgumentException | UnsupportedOperationException | IOException e) {
            err.println("spark-solve: " + e.getMessage());
            return 2;
        } finally {
            if (spark != null && ours) {
                spark.stop();
            }
        }
    }

    private static SparkSession session(String master) {
        String m = master != null ? master : System.getProperty("spark.master");
        if (m == null || m.startsWith("local")) {
            // a loopback-only session: no UI, nothing listening beyond 127.0.0.1
            return LocalSpark.session(m == null ? "local[*]" : m, "akr spark-solve");
        }
        return SparkSession.builder().appName("akr spark-solve").master(m).getOrCreate();
    }

    private static SparkPowerResult power(SparkSession spark, JavaSparkContext sc, boolean lstsq, Map<String, String> o)
            throws IOException {
        PowerOptions.Builder b = PowerOptions.builder();
        if (o.containsKey("method")) {
            b.method(Method.parse(o.get("method")));
        }
        if (o.containsKey("sketch")) {
            b.sketch(SketchKind.parse(o.get("sketch")));
        }
        if (o.containsKey("sketch-rows")) {
            b.sketchRows(intOpt(o, "sketch-rows"));
        }
        if (o.containsKey("tol")) {
            b.tolerance(doubleOpt(o, "tol"));
        }
        if (o.containsKey("max-iter")) {
            b.maxIterations(intOpt(o, "max-iter"));
        }
        if (o.containsKey("seed")) {
            b.seed(Long.parseLong(o.get("seed")));
        }
        PowerOptions options = b.build();
        int j = o.containsKey("power") ? intOpt(o, "power") : (lstsq ? 0 : 1);
        int blockRows = o.containsKey("block-rows") ? intOpt(o, "block-rows") : RowBlocks.DEFAULT_BLOCK_ROWS;
        String a = o.get("a");
        boolean parquet = "parquet".equals(o.get("format")) || (o.get("format") == null && a.endsWith(".parquet"));
        RowBlocks blocks;
        if (parquet) {
            List<String> features = o.containsKey("features") ? List.of(o.get("features").split(",")) : null;
            String label = lstsq ? o.get("label") : null;
            if (lstsq && label == null) {
                throw new IllegalArgumentException("lstsq-power on Parquet needs --label COLUMN (b)");
            }
            blocks = SparkInputs.fromParquet(spark, a, features, label, blockRows);
        } else {
            List<Path> bShards = null;
            if (lstsq) {
                if (!o.containsKey("b")) {
                    throw new IllegalArgumentException("lstsq-power needs --b");
                }
                bShards = SparkInputs.shards(Path.of(o.get("b")));
            }
            List<Path> aShards = SparkInputs.shards(Path.of(a));
            if (aShards.size() == 1 && (bShards == null || bShards.size() == 1)) {
                // one file: read here and cut into partitions at sketch-chunk boundaries
                DenseMatrix am = Npy.read(aShards.get(0));
                double[] bv = bShards == null ? null : Npy.read(bShards.get(0)).data();
                int n = am.rows();
                int d = am.cols();
                int chunk = n < d ? 1 : akr.spark.DistributedSketch.chunkRows(SparkPowerSolver.kernelKind(options.sketch()),
                        options.sketchRows(n, d), n, d, options.seed());
                int parts = o.containsKey("partitions") ? intOpt(o, "partitions") : sc.defaultParallelism();
                if (parts < 1) {
                    throw new IllegalArgumentException("--partitions: " + parts + " (must be >= 1)");
                }
                blocks = RowBlocks.fromLocal(sc, am, bv, RowBlocks.evenBoundaries(n, parts, chunk), blockRows);
            } else {
                blocks = SparkInputs.fromNpyShards(sc, aShards, bShards, blockRows);
            }
        }
        try {
            if (lstsq) {
                return SparkPowerSolver.lstsqPower(blocks, j, options);
            }
            if (!o.containsKey("b")) {
                throw new IllegalArgumentException("gram-power needs --b (a vector of length d)");
            }
            return SparkPowerSolver.gramPower(blocks, Npy.read(Path.of(o.get("b"))).data(), j, options);
        } finally {
            blocks.unpersist();
        }
    }

    private static SparkAttentionResult attention(JavaSparkContext sc, Map<String, String> o) throws IOException {
        AttentionOptions.Builder b = AttentionOptions.builder();
        if (o.containsKey("preconditioner")) {
            b.preconditioner(Preconditioner.parse(o.get("preconditioner")));
        }
        if (o.containsKey("ridge")) {
            b.ridge(doubleOpt(o, "ridge"));
        }
        if (o.containsKey("rank")) {
            b.rank(intOpt(o, "rank"));
        }
        if (o.containsKey("tol")) {
            b.tolerance(doubleOpt(o, "tol"));
        }
        if (o.containsKey("max-iter")) {
            b.maxIterations(intOpt(o, "max-iter"));
        }
        if (o.containsKey("seed")) {
            b.seed(Long.parseLong(o.get("seed")));
        }
        if (!o.containsKey("b")) {
            throw new IllegalArgumentException("attention needs --b");
        }
        // A is broadcast whole: it is read on the driver (O(nd); K is what is too big for one machine)
        DenseMatrix a = readWhole(Path.of(o.get("a")));
        double[] rhs = readWhole(Path.of(o.get("b"))).data();
        int parts = o.containsKey("partitions") ? intOpt(o, "partitions") : sc.defaultParallelism();
        return SparkAttentionSolver.solve(sc, a, rhs, b.build(), parts);
    }

    /** A .npy file, or the row-wise concatenation of a directory of shards. */
    private static DenseMatrix readWhole(Path p) throws IOException {
        List<Path> shards = SparkInputs.shards(p);
        if (shards.size() == 1) {
            return Npy.read(shards.get(0));
        }
        List<DenseMatrix> parts = new java.util.ArrayList<>();
        int rows = 0;
        for (Path s : shards) {
            DenseMatrix m = Npy.read(s);
            if (!parts.isEmpty() && m.cols() != parts.get(0).cols()) {
                throw new IllegalArgumentException(s + ": " + m.cols() + " columns, the shards before it " + parts.get(0).cols());
            }
            parts.add(m);
            rows += m.rows();
        }
        DenseMatrix out = DenseMatrix.zeros(rows, parts.get(0).cols());
        int r = 0;
        for (DenseMatrix m : parts) {
            out.rows(r, m.rows()).copyFrom(m);
            r += m.rows();
        }
        return out;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (!k.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + k + "'");
            }
            String key = k.substring(2);
            if (key.equals("quiet")) {
                out.put(key, "true");
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(k + " needs a value");
            }
            if (!List.of("a", "b", "format", "features", "label", "power", "method", "sketch", "sketch-rows",
                    "preconditioner", "ridge", "rank", "tol", "max-iter", "seed", "partitions", "block-rows", "master",
                    "out").contains(key)) {
                throw new IllegalArgumentException("unknown option " + k);
            }
            out.put(key, args[++i]);
        }
        return out;
    }

    private static int intOpt(Map<String, String> o, String k) {
        try {
            return Integer.parseInt(o.get(k));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + ": '" + o.get(k) + "' is not an integer");
        }
    }

    private static double doubleOpt(Map<String, String> o, String k) {
        try {
            return Double.parseDouble(o.get(k));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + k + ": '" + o.get(k) + "' is not a number");
        }
    }
}
