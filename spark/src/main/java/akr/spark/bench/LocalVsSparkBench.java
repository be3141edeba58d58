package akr.spark.bench;

import akr.kernels.sketch.Sketch;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.SketchKind;
import akr.spark.DistributedSketch;
import akr.spark.LocalSpark;
import akr.spark.RowBlocks;
import akr.spark.SparkPowerResult;
import akr.spark.SparkPowerSolver;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Least squares on Spark against the one-machine solver in the same JVM and run (bench/spark-bench):
 * {@code n d kappa reps master}. Prints medians of the solve times (data already distributed and
 * cached, as a cluster job that solves data it holds), their ratios, the forward errors, and the
 * per-pass figures of the weak-scaling projection: task time per row block and bytes per pass
 * (task results and shuffle, from Spark's task metrics).
 */
public final class LocalVsSparkBench {

    private LocalVsSparkBench() {
    }

    /** Task metrics summed over the tasks that ended since the last reset. */
    static final class Metrics extends SparkListener {
        final AtomicLong jobs = new AtomicLong();
        final AtomicLong tasks = new AtomicLong();
        final AtomicLong runMillis = new AtomicLong();
        final AtomicLong resultBytes = new AtomicLong();
        final AtomicLong shuffleBytes = new AtomicLong();
        /** Per stage (one per pass here): tasks, task milliseconds, result bytes. */
        final java.util.Map<Integer, long[]> stages = new java.util.concurrent.ConcurrentSkipListMap<>();

        @Override
        public void onJobStart(SparkListenerJobStart e) {
            jobs.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            if (e.taskMetrics() == null) {
                return;
            }
            tasks.incrementAndGet();
            runMillis.addAndGet(e.taskMetrics().executorRunTime());
            resultBytes.addAndGet(e.taskMetrics().resultSize());
            shuffleBytes.addAndGet(e.taskMetrics().shuffleWriteMetrics().bytesWritten());
            long[] st = stages.computeIfAbsent(e.stageId(), k -> new long[3]);
            synchronized (st) {
                st[0]++;
                st[1] += e.taskMetrics().executorRunTime();
                st[2] += e.taskMetrics().resultSize();
            }
        }

        void reset() {
            jobs.set(0);
            tasks.set(0);
            runMillis.set(0);
            resultBytes.set(0);
            shuffleBytes.set(0);
            stages.clear();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("attention")) {
            attention(args);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        double kappa = args.length > 2 ? Double.parseDouble(args[2]) : 1e6;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        String master = args.length > 4 ? args[4] : "local[2]";
        int parts = Integer.parseInt(master.replaceAll("\\D", "").isEmpty() ? "2" : master.replaceAll("\\D", ""));

        long t = System.nanoTime();
        SyntheticProblem p = SyntheticProblem.withCondition(n, d, kappa, 1);
        double[] xStar = SyntheticProblem.gaussian(d, 1, 2);
        double[] b = p.lstsqRhs(0, xStar, 0.1, 3);
        System.out.printf(Locale.ROOT, "problem: least squares %dx%d, kappa %.0e, residual 0.1 (%.1f s to make)%n", n, d, kappa,
                secs(t));

        SparkSession spark = LocalSpark.session(master, "akr spark bench");
        JavaSparkContext sc = LocalSpark.context(spark);
        Metrics metrics = new Metrics();
        sc.sc().addSparkListener(metrics);
        int m = SketchKind.SPARSE_SIGN.defaultRows(n, d);
        int chunk = DistributedSketch.chunkRows(Sketch.Kind.SPARSE_SIGN, m, n, d, PowerOptions.DEFAULT_SEED);
        t = System.nanoTime();
        RowBlocks blocks = RowBlocks.fromLocal(sc, p.a(), b, RowBlocks.evenBoundaries(n, parts, chunk), RowBlocks.DEFAULT_BLOCK_ROWS);
        System.out.printf(Locale.ROOT, "distribute and cache A, b: %.2f s (%d partitions, %d-row blocks, sketch chunks of %d rows)%n",
                secs(t), blocks.partitions(), RowBlocks.DEFAULT_BLOCK_ROWS, chunk);

        String[] names = {"one machine auto (normal)", "one machine cholqr", "spark cholqr", "spark auto (normal)"};
        List<List<Double>> times = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            times.add(new ArrayList<>());
        }
        double[][] x = new double[names.length][];
        String stageLines = "";
        long[] perPass = new long[4]; // jobs, tasks, result bytes, shuffle bytes of one spark cholqr solve
        long cholqrRunMillis = 0;
        for (int r = -1; r < reps; r++) { // r = -1: warm-up (JIT, Spark's first jobs), not counted
            for (int i = 0; i < names.length; i++) {
                Method method = i == 0 || i == 3 ? Method.AUTO : Method.CHOLQR;
                PowerOptions o = PowerOptions.builder().method(method).build();
                metrics.reset();
                long s = System.nanoTime();
                if (i < 2) {
                    PowerResult res = PowerSolver.lstsqPower(p.a(), b, 0, o);
                    x[i] = res.x();
                    double sec = secs(s);
                    if (r >= 0) {
                        times.get(i).add(sec);
                    }
                } else {
                    SparkPowerResult res = SparkPowerSolver.lstsqPower(blocks, 0, o);
                    x[i] = res.x();
                    double sec = secs(s);
                    if (r >= 0) {
                        times.get(i).add(sec);
                    }
                    if (i == 2) {
                        Thread.sleep(200); // the listener bus delivers task ends asynchronously
                        perPass = new long[] {metrics.jobs.get(), metrics.tasks.get(), metrics.resultBytes.get(),
                            metrics.shuffleBytes.get(), res.passes()};
                        cholqrRunMillis = metrics.runMillis.get();
                        StringBuilder sb = new StringBuilder();
                        int pass = 0;
                        for (long[] st : metrics.stages.values()) {
                            sb.append(String.format(Locale.ROOT, "| %d | %d | %d | %.1f | %d |%n", ++pass, st[0], st[1],
                                    (double) st[1] / st[0], st[2]));
                        }
                        stageLines = sb.toString();
                    }
                }
            }
        }
        double[] med = new double[names.length];
        System.out.println();
        System.out.println("| solver | median s | runs (s) | forward error ‖x − x*‖/‖x*‖ |");
        System.out.println("|---|---|---|---|");
        for (int i = 0; i < names.length; i++) {
            med[i] = median(times.get(i));
            System.out.printf(Locale.ROOT, "| %s | %.3f | %s | %.2e |%n", names[i], med[i], fmt(times.get(i)),
                    SyntheticProblem.forwardError(x[i], xStar));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "ratio spark cholqr / one machine cholqr: %.2f%n", med[2] / med[1]);
        System.out.printf(Locale.ROOT, "ratio spark cholqr / one machine auto:   %.2f%n", med[2] / med[0]);
        System.out.printf(Locale.ROOT, "ratio spark auto / one machine auto:     %.2f%n", med[3] / med[0]);
        System.out.printf(Locale.ROOT, "x agreement spark cholqr vs one machine cholqr: %.2e; spark auto vs one machine auto: %.2e%n",
                rel(x[2], x[1]), rel(x[3], x[0]));
        long passes = perPass[4];
        long rowsPerTask = n / Math.max(1, blocks.partitions());
        System.out.println();
        System.out.printf(Locale.ROOT, "spark cholqr, last run: %d jobs, %d passes over A, %d tasks, task time %.0f ms in all%n",
                perPass[0], passes, perPass[1], (double) cholqrRunMillis);
        System.out.printf(Locale.ROOT, "per pass: %.1f ms of task time per %d-row block, %.0f bytes of task results, %d shuffle bytes%n",
                (double) cholqrRunMillis / passes / ((double) n / RowBlocks.DEFAULT_BLOCK_ROWS), RowBlocks.DEFAULT_BLOCK_ROWS,
                (double) perPass[2] / passes, perPass[3] / Math.max(1, passes));
        System.out.printf(Locale.ROOT, "per task and pass: %d rows, %.1f ms%n", rowsPerTask,
                (double) cholqrRunMillis / Math.max(1, perPass[1]));
        System.out.println();
        System.out.println("spark cholqr passes (sketch, Gram + Aᵀb, corrections, residual), last run:");
        System.out.println("| pass | tasks | task ms | ms per task | task result bytes |");
        System.out.println("|---|---|---|---|---|");
        System.out.print(stageLines);
        blocks.unpersist();
        spark.stop();
    }

    /**
     * {@code attention N D REPS MASTER}: AttentionSolver against SparkAttentionSolver (A = randn·d^(-1/4),
     * b Gaussian, auto preconditioner, tolerance 1e-10), medians of REPS solves each.
     */
    private static void attention(String[] args) {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 8192;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String master = args.length > 4 ? args[4] : "local[2]";
        int parts = Integer.parseInt(master.replaceAll("\\D", "").isEmpty() ? "2" : master.replaceAll("\\D", ""));
        akr.kernels.DenseMatrix a = akr.kernels.DenseMatrix.zeros(n, d);
        double scale = Math.pow(d, -0.25);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a.set(i, j, scale * akr.kernels.random.CounterRandom.gaussian(5, 1, (long) i * d + j));
            }
        }
        double[] b = SyntheticProblem.gaussian(n, 5, 2);
        akr.solvers.attention.AttentionOptions o = akr.solvers.attention.AttentionOptions.defaults();
        SparkSession spark = LocalSpark.session(master, "akr spark bench");
        JavaSparkContext sc = LocalSpark.context(spark);
        List<Double> one = new ArrayList<>();
        List<Double> dist = new ArrayList<>();
        String last = "";
        double[] x1 = null;
        double[] x2 = null;
        for (int r = -1; r < reps; r++) {
            long s = System.nanoTime();
            akr.solvers.attention.AttentionResult res = akr.solvers.attention.AttentionSolver.solve(a, b, o);
            double t1 = secs(s);
            s = System.nanoTime();
            akr.spark.SparkAttentionResult sres = akr.spark.SparkAttentionSolver.solve(sc, a, b, o, parts);
            double t2 = secs(s);
            if (r >= 0) {
                one.add(t1);
                dist.add(t2);
            }
            x1 = res.x();
            x2 = sres.x();
            last = res + "\n" + sres;
        }
        System.out.printf(Locale.ROOT, "attention %dx%d, auto preconditioner, %s, %d partitions%n", n, d, master, parts);
        System.out.println("| solver | median s | runs (s) |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| one machine | %.3f | %s |%n", median(one), fmt(one));
        System.out.printf(Locale.ROOT, "| spark | %.3f | %s |%n", median(dist), fmt(dist));
        System.out.printf(Locale.ROOT, "ratio spark / one machine: %.2f; x agreement %.2e%n", median(dist) / median(one), rel(x2, x1));
        System.out.println(last);
        spark.stop();
    }

    private static double rel(double[] x, double[] y) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < x.length; i++) {
            num += (x[i] - y[i]) * (x[i] - y[i]);
            den += y[i] * y[i];
        }
        return Math.sqrt(num / den);
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) * 1e-9;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static String fmt(List<Double> v) {
        StringBuilder sb = new StringBuilder();
        for (double x : v) {
            sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        return sb.toString();
    }
}
