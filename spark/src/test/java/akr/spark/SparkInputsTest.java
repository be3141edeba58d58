package akr.spark;

import akr.kernels.DenseMatrix;
import akr.solvers.io.Npy;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.spark.cli.SparkSolve;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Datasets, Parquet and .npy shards into row blocks, and the spark-solve command, on local[2]. */
class SparkInputsTest {

    private static final int N = 3_000;
    private static final int D = 5;
    private static final DenseMatrix A = SparkTestSupport.matrix(N, D, 10, 51);
    private static final double[] B = SparkTestSupport.vector(N, 52);

    private static Dataset<Row> dataset(boolean arrayColumn) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            double[] r = new double[D];
            for (int j = 0; j < D; j++) {
                r[j] = A.get(i, j);
            }
            if (arrayColumn) {
                rows.add(RowFactory.create(Arrays.stream(r).boxed().toArray(), B[i]));
            } else {
                Object[] v = new Object[D + 1];
                for (int j = 0; j < D; j++) {
                    v[j] = r[j];
                }
                v[D] = B[i];
                rows.add(RowFactory.create(v));
            }
        }
        StructType schema = new StructType();
        if (arrayColumn) {
            schema = schema.add("features", DataTypes.createArrayType(DataTypes.DoubleType)).add("y", DataTypes.DoubleType);
        } else {
            for (int j = 0; j < D; j++) {
                schema = schema.add("a" + j, DataTypes.DoubleType);
            }
            schema = schema.add("y", DataTypes.DoubleType);
        }
        return SparkTestSupport.session().createDataFrame(rows, schema);
    }

    @Test
    void parquetWithAnArrayColumnOrNumericColumnsKeepsRowsAndB(@TempDir Path dir) {
        for (boolean arrayColumn : new boolean[] {true, false}) {
            // one file, written in row order, reads back in row order
            Dataset<Row> ds = dataset(arrayColumn).coalesce(1);
            String path = dir.resolve("t" + arrayColumn + ".parquet").toString();
            ds.write().parquet(path);
            List<String> features = arrayColumn ? List.of("features") : null; // null: every column but the label
            RowBlocks blocks = SparkInputs.fromParquet(SparkTestSupport.session(), path, features, "y", 700);
            assertEquals(N, blocks.rows());
            assertEquals(D, blocks.cols());
            assertArrayEquals(A.data(), blocks.collectA().data());
            assertArrayEquals(B, blocks.collectB());
            blocks.unpersist();
        }
    }

    @Test
    void datasetRowsKeepTheirOrderAndBadColumnsAreNamed() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(RowFactory.create(A.get(i, 0), A.get(i, 1), A.get(i, 2), A.get(i, 3), A.get(i, 4), B[i], "x"));
        }
        StructType schema = new StructType().add("a0", DataTypes.DoubleType).add("a1", DataTypes.DoubleType)
                .add("a2", DataTypes.DoubleType).add("a3", DataTypes.DoubleType).add("a4", DataTypes.DoubleType)
                .add("y", DataTypes.DoubleType).add("s", DataTypes.StringType);
        Dataset<Row> ds = SparkTestSupport.session().createDataFrame(rows, schema);
        RowBlocks blocks = SparkInputs.fromDataset(ds, List.of("a0", "a1", "a2", "a3", "a4"), "y", 333);
        assertArrayEquals(A.data(), blocks.collectA().data());
        assertArrayEquals(B, blocks.collectB());
        blocks.unpersist();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkInputs.fromDataset(ds, List.of("a0", "s"), "y", 100));
        assertTrue(e.getMessage().contains("'s'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkInputs.fromDataset(ds, List.of("nope"), "y", 100));
    }

    @Test
    void npyShardsAndTheCommandSolveAsOneMachine(@TempDir Path dir) throws Exception {
        Path aDir = dir.resolve("a");
        Path bDir = dir.resolve("b");
        java.nio.file.Files.createDirectories(aDir);
        java.nio.file.Files.createDirectories(bDir);
        int[] cuts = {0, 1000, 1700, N};
        for (int s = 0; s + 1 < cuts.length; s++) {
            int rows = cuts[s + 1] - cuts[s];
            Npy.write(aDir.resolve("part-" + s + ".npy"), A.rows(cuts[s], rows).copy(), false);
            Npy.write(bDir.resolve("part-" + s + ".npy"), Arrays.copyOfRange(B, cuts[s], cuts[s + 1]));
        }
        RowBlocks blocks = SparkInputs.fromNpyShards(SparkTestSupport.sc(), SparkInputs.shards(aDir),
                SparkInputs.shards(bDir), 256);
        assertEquals(3, blocks.partitions());
        assertArrayEquals(A.data(), blocks.collectA().data());
        assertArrayEquals(B, blocks.collectB());
        blocks.unpersist();

        Path out = dir.resolve("x.npy");
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = SparkSolve.run(new String[] {"lstsq-power", "--a", aDir.toString(), "--b", bDir.toString(), "--power", "1",
            "--tol", "1e-12", "--master", "local[2]", "--out", out.toString()},
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, code, o + " / " + e);
        assertTrue(o.toString(StandardCharsets.UTF_8).contains("method=normal"), o.toString(StandardCharsets.UTF_8));
        PowerResult one = PowerSolver.lstsqPower(A, B, 1, PowerOptions.builder().method(Method.AUTO).tolerance(1e-12).build());
        double dx = SparkTestSupport.relDiff(Npy.read(out).data(), one.x());
        assertTrue(dx <= 1e-12, "x from spark-solve differs by " + dx);
        assertTrue(SparkTestSupport.session().sparkContext().isStopped() == false, "the command stopped a session it did not start");

        int bad = SparkSolve.run(new String[] {"lstsq-power", "--a", aDir.toString(), "--master", "local[2]"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(2, bad);
        assertTrue(e.toString(StandardCharsets.UTF_8).contains("needs --b"), e.toString(StandardCharsets.UTF_8));
        assertEquals(2, SparkSolve.run(new String[] {"svd", "--a", "x"}, new PrintStream(o), new PrintStream(e)));
    }
}
