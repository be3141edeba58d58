package akr.spark;

import akr.kernels.DenseMatrix;
import akr.solvers.io.MatrixFormatException;
import akr.solvers.io.Npy;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Ways to get A (and b) into {@link RowBlocks}: a {@code Dataset<Row>} (so Parquet, or anything
 * Spark reads), and {@code .npy} shards read by the executors.
 *
 * <p><b>Row order.</b> Row i of A is the i-th row of the dataset in its partition order (first
 * partition first, rows in partition order), or the i-th row of the concatenated shards sorted
 * by file name. Sort the dataset by an index column first if its order is not the intended one.
 */
public final class SparkInputs {

    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private SparkInputs() {
    }

    /**
     * Row blocks from a dataset: A from {@code featureCols} — one {@code array<double>} column, or
     * several numeric columns (cast to double) — and b from {@code labelCol} (null: no b). One
     * pass counts the rows of each partition (for the global row offsets); the blocks keep the
     * dataset's partitioning.
     *
     * @throws IllegalArgumentException for a missing or non-numeric column, or rows of unequal width
     */
    public static RowBlocks fromDataset(Dataset<Row> ds, List<String> featureCols, String labelCol, int blockRows) {
        if (ds == null || featureCols == null || featureCols.isEmpty()) {
            throw new IllegalArgumentException("a dataset and at least one feature column are needed");
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows: " + blockRows + " (must be >= 1)");
        }
        boolean arrayColumn = featureCols.size() == 1 && typeOf(ds, featureCols.get(0)) instanceof ArrayType;
        List<Column> cols = new ArrayList<>();
        for (String c : featureCols) {
            DataType t = typeOf(ds, c);
            if (arrayColumn) {
                DataType e = ((ArrayType) t).elementType();
                if (!(e instanceof NumericType)) {
                    throw new IllegalArgumentException("column '" + c + "' is an array of " + e.simpleString() + ", not of numbers");
                }
                cols.add(functions.col(c).cast("array<double>"));
            } else if (t instanceof NumericType) {
                cols.add(functions.col(c).cast("double"));
            } else {
                throw new IllegalArgumentException("column '" + c + "' is " + t.simpleString()
                        + ": features are numeric columns or one array<double> column");
            }
        }
        if (labelCol != null) {
            if (!(typeOf(ds, labelCol) instanceof NumericType)) {
                throw new IllegalArgumentException("label column '" + labelCol + "' is not numeric");
            }
            cols.add(functions.col(labelCol).cast("double"));
        }
        JavaRDD<Row> rows = ds.select(cols.toArray(new Column[0])).javaRDD();
        List<Long> counts = rows.mapPartitions(it -> {
            long c = 0;
            while (it.hasNext()) {
                it.next();
                c++;
            }
            return List.of(c).iterator();
        }).collect();
        long[] offsets = new long[counts.size() + 1];
        for (int p = 0; p < counts.size(); p++) {
            offsets[p + 1] = offsets[p] + counts.get(p);
        }
        if (offsets[counts.size()] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(offsets[counts.size()] + " rows: at most " + Integer.MAX_VALUE + " are supported");
        }
        int nf = featureCols.size();
        boolean hasLabel = labelCol != null;
        JavaRDD<RowBlock> blocks = rows.mapPartitionsWithIndex((p, it) -> {
            List<RowBlock> out = new ArrayList<>();
            int next = (int) offsets[p];
            List<double[]> aRows = new ArrayList<>();
            List<Double> bRows = new ArrayList<>();
            int width = -1;
            while (it.hasNext()) {
                Row r = it.next();
                double[] a;
                if (arrayColumn) {
                    List<Double> l = r.getList(0);
                    if (l == null) {
                        throw new IllegalArgumentException("row " + (next + aRows.size()) + ": the feature array is null");
                    }
                    a = new double[l.size()];
                    for (int j = 0; j < a.length; j++) {
                        Double v = l.get(j);
                        a[j] = v == null ? Double.NaN : v; // a null entry is reported as non-finite
                    }
                } else {
                    a = new double[nf];
                    for (int j = 0; j < nf; j++) {
                        a[j] = r.isNullAt(j) ? Double.NaN : r.getDouble(j);
                    }
                }
                if (width < 0) {
                    width = a.length;
                } else if (a.length != width) {
                    throw new IllegalArgumentException("row " + (next + aRows.size()) + " has " + a.length
                            + " features, the rows before it " + width);
                }
                aRows.add(a);
                if (hasLabel) {
                    int li = arrayColumn ? 1 : nf;
                    bRows.add(r.isNullAt(li) ? Double.NaN : r.getDouble(li));
                }
                if (aRows.size() == blockRows) {
                    out.add(toBlock(next, aRows, hasLabel ? bRows : null));
                    next += aRows.size();
                    aRows.clear();
                    bRows.clear();
                }
            }
            if (!aRows.isEmpty()) {
                out.add(toBlock(next, aRows, hasLabel ? bRows : null));
            }
            return out.iterator();
        }, true);
        return RowBlocks.of(blocks);
    }

    /** Row blocks from a Parquet file or directory: {@link #fromDataset} of {@code spark.read().parquet(path)}. */
    public static RowBlocks fromParquet(SparkSession spark, String path, List<String> featureCols, String labelCol,
                                        int blockRows) {
        Dataset<Row> ds = spark.read().parquet(path);
        List<String> features = featureCols;
        if (features == null || features.isEmpty()) {
            // default: every column but the label, in schema order
            features = new ArrayList<>();
            for (StructField f : ds.schema().fields()) {
                if (!f.name().equals(labelCol)) {
                    features.add(f.name());
                }
            }
        }
        return fromDataset(ds, features, labelCol, blockRows);
    }

    /**
     * Row blocks from {@code .npy} shards: A's shards (2-D float64/float32, equal widths) and
     * optionally b's (1-D, the same row counts), each read by one task — the files must be
     * readable at the same path on every executor (a shared or replicated file system). One
     * partition per shard; shapes are read from the headers on the driver.
     *
     * @throws IOException              when a header cannot be read
     * @throws IllegalArgumentException on mismatched shard counts, rows or widths
     */
    public static RowBlocks fromNpyShards(JavaSparkContext sc, List<Path> aShards, List<Path> bShards, int blockRows)
            throws IOException {
        if (sc == null || aShards == null || aShards.isEmpty()) {
            throw new IllegalArgumentException("at least one shard of A is needed");
        }
        if (bShards != null && bShards.size() != aShards.size()) {
            throw new IllegalArgumentException(aShards.size() + " shards of A but " + bShards.size() + " of b");
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows: " + blockRows + " (must be >= 1)");
        }
        int shards = aShards.size();
        long[] offsets = new long[shards + 1];
        List<String[]> jobs = new ArrayList<>();
        long width = -1;
        for (int s = 0; s < shards; s++) {
            long[] shape = npyShape(aShards.get(s));
            long cols = shape.length == 2 ? shape[1] : 1;
            if (width >= 0 && cols != width) {
                throw new IllegalArgumentException(aShards.get(s) + ": " + cols + " columns, the shards before it " + width);
            }
            width = cols;
            if (bShards != null) {
                long[] bs = npyShape(bShards.get(s));
                if (bs.length != 1 || bs[0] != shape[0]) {
                    throw new IllegalArgumentException(bShards.get(s) + ": shape " + Arrays.toString(bs) + ", expected ("
                            + shape[0] + ",) like " + aShards.get(s));
                }
            }
            offsets[s + 1] = offsets[s] + shape[0];
            jobs.add(new String[] {aShards.get(s).toAbsolutePath().toString(),
                bShards == null ? null : bShards.get(s).toAbsolutePath().toString(), Long.toString(offsets[s])});
        }
        if (offsets[shards] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(offsets[shards] + " rows: at most " + Integer.MAX_VALUE + " are supported");
        }
        JavaRDD<RowBlock> blocks = sc.parallelize(jobs, shards).flatMap(job -> {
            DenseMatrix a = Npy.read(Path.of(job[0]));
            double[] b = job[1] == null ? null : Npy.read(Path.of(job[1])).data();
            int offset = Integer.parseInt(job[2]);
            List<RowBlock> out = new ArrayList<>();
            int d = a.cols();
            for (int r0 = 0; r0 < a.rows(); r0 += blockRows) {
                int rows = Math.min(blockRows, a.rows() - r0);
                double[] data = new double[rows * d];
                DenseMatrix.wrap(data, rows, d).copyFrom(a.rows(r0, rows));
                out.add(new RowBlock(offset + r0, rows, d, data, b == null ? null : Arrays.copyOfRange(b, r0, r0 + rows)));
            }
            return out.iterator();
        });
        return RowBlocks.of(blocks);
    }

    /** The {@code .npy} files of a directory sorted by name, or the file itself. */
    public static List<Path> shards(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> s = Files.list(path)) {
            List<Path> out = s.filter(p -> p.getFileName().toString().endsWith(".npy")).sorted().toList();
            if (out.isEmpty()) {
                throw new IllegalArgumentException(path + ": no .npy files");
            }
            return out;
        }
    }

    /** The shape in a {@code .npy} header (without reading the data). */
    static long[] npyShape(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] pre = in.readNBytes(12);
            if (pre.length < 10 || (pre[0] & 0xff) != 0x93 || pre[1] != 'N') {
                throw new MatrixFormatException(file + ": not a .npy file (bad magic string)");
            }
            int major = pre[6] & 0xff;
            int len;
            int consumed;
            if (major == 1) {
                len = (pre[8] & 0xff) | (pre[9] & 0xff) << 8;
                consumed = 10;
            } else {
                len = (pre[8] & 0xff) | (pre[9] & 0xff) << 8 | (pre[10] & 0xff) << 16 | (pre[11] & 0xff) << 24;
                consumed = 12;
            }
            byte[] rest = in.readNBytes(len - (pre.length - consumed));
            String header = new String(pre, consumed, pre.length - consumed, StandardCharsets.ISO_8859_1)
                    + new String(rest, StandardCharsets.ISO_8859_1);
            Matcher m = SHAPE.matcher(header);
            if (!m.find()) {
                throw new MatrixFormatException(file + ": no shape in the .npy header");
            }
            String[] parts = m.group(1).split(",");
            List<Long> dims = new ArrayList<>();
            for (String p : parts) {
                if (!p.isBlank()) {
                    dims.add(Long.parseLong(p.trim()));
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private static DataType typeOf(Dataset<Row> ds, String col) {
        for (StructField f : ds.schema().fields()) {
            if (f.name().equals(col)) {
                return f.dataType();
            }
        }
        throw new IllegalArgumentException("no column '" + col + "' in " + ds.schema().simpleString());
    }

    private static RowBlock toBlock(int offset, List<double[]> rows, List<Double> b) {
        int d = rows.get(0).length;
        double[] a = new double[rows.size() * d];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, a, i * d, d);
        }
        double[] bv = null;
        if (b != null) {
            bv = new double[b.size()];
            for (int i = 0; i < bv.length; i++) {
                bv[i] = b.get(i);
            }
        }
        return new RowBlock(offset, rows.size(), d, a, bv);
    }
}
