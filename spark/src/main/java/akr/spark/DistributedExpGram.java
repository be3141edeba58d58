package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.kernels.expgram.ExpGramOverflowException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * y = exp(A·Aᵀ)·x (or its Gaussian form G·x) as a distributed fused matvec: A (n×d, O(nd) bytes)
 * is broadcast once, each partition owns a range of rows of K and computes its slice
 * exp(A_range·Aᵀ)·x with the one-machine tiled exp-Gram kernel (the cross product used for
 * prediction), and the driver concatenates the slices. K is never formed anywhere.
 *
 * <p>Per product: x (8n bytes) travels to each task, 8n bytes come back; no shuffle. Each
 * partition does (n/P)·n·d multiply-adds and (n/P)·n exps; the symmetric one-machine product
 * computes each off-diagonal entry once for both triangles, so P partitions do up to twice the
 * exps of one machine in total.
 */
final class DistributedExpGram implements AutoCloseable {

    /** The executor-side operators, one per broadcast A (built once per executor JVM, not per task). */
    private static final Map<Long, ExpGramOperator> OPERATORS = new ConcurrentHashMap<>();

    private final Broadcast<double[]> points;
    private final JavaRDD<int[]> ranges;
    private final int n;

    DistributedExpGram(JavaSparkContext sc, DenseMatrix a, int partitions) {
        this.n = a.rows();
        this.points = sc.broadcast(a.copy().data());
        int parts = Math.max(1, Math.min(partitions, n));
        List<int[]> rs = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            rs.add(new int[] {(int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)});
        }
        this.ranges = sc.parallelize(rs, parts).persist(StorageLevel.MEMORY_ONLY());
    }

    /** A slice of a product: rows [lo, lo + y.length), or an overflow of row {@code overflowRow}. */
    record Slice(int lo, double[] y, boolean overflow) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * K·x ({@code Form.EXP}) or G·x ({@code Form.GAUSSIAN}).
     *
     * @throws ArithmeticException (an {@link ExpGramOverflowException} on an executor) when a row
     *                             of the EXP form overflows
     */
    double[] multiply(Form form, double[] x) {
        Broadcast<double[]> pts = points;
        int rows = n;
        int d = points.value().length / n;
        double[] xc = x.clone();
        List<Slice> slices = ranges.map(r -> {
            ExpGramOperator op = OPERATORS.get(pts.id());
            if (op == null) {
                synchronized (OPERATORS) {
                    if (!OPERATORS.containsKey(pts.id())) {
                        OPERATORS.clear(); // a new solve: keep one A per executor, not every A ever broadcast
                    }
                    op = OPERATORS.computeIfAbsent(pts.id(),
                            id -> TaskKernels.get().expGramOperator(DenseMatrix.wrap(pts.value(), rows, d)));
                }
            }
            DenseMatrix all = op.points();
            double[] y = new double[r[1] - r[0]];
            try {
                op.predict(form, all.rows(r[0], r[1] - r[0]), DenseMatrix.wrap(xc, rows, 1), DenseMatrix.wrap(y, y.length, 1));
            } catch (ExpGramOverflowException e) {
                return new Slice(r[0], null, true); // the driver falls back to the scaled form
            }
            return new Slice(r[0], y, false);
        }).collect();
        double[] out = new double[n];
        for (Slice s : slices) {
            if (s.overflow()) {
                throw new ArithmeticException("exp(A·Aᵀ)·x overflows in rows from " + s.lo());
            }
            System.arraycopy(s.y(), 0, out, s.lo(), s.y().length);
        }
        return out;
    }

    /** Partitions the rows of K are split into. */
    int partitions() {
        return ranges.getNumPartitions();
    }

    @Override
    public void close() {
        OPERATORS.remove(points.id()); // the driver's copy (local mode shares the map with executors)
        ranges.unpersist(false);
        points.destroy();
    }
}
