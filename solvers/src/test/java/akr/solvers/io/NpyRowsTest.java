package akr.solvers.io;

import akr.kernels.DenseMatrix;
import akr.solvers.demo.SyntheticProblem;
import akr.solvers.power.Method;
import akr.solvers.power.PowerOptions;
import akr.solvers.power.PowerResult;
import akr.solvers.power.PowerSolver;
import akr.solvers.power.RowSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyRowsTest {

    @TempDir
    Path dir;

    private Path write(String name, DenseMatrix m) throws IOException {
        Path p = dir.resolve(name);
        Npy.write(p, m, false);
        return p;
    }

    private static DenseMatrix matrix(int rows, int cols, long seed) {
        DenseMatrix m = DenseMatrix.zeros(rows, cols);
        double[] g = SyntheticProblem.gaussian(rows * cols, seed, 1);
        System.arraycopy(g, 0, m.data(), 0, g.length);
        return m;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 16, 63, 64, 65, 200, 1000})
    void blocksCoverTheRowsInOrderWithTheFilesValues(int blockRows) throws IOException {
        DenseMatrix a = matrix(200, 9, 3);
        NpyRows src = NpyRows.open(write("a.npy", a), blockRows);
        assertEquals(200, src.rows());
        assertEquals(9, src.cols());
        List<Integer> starts = new ArrayList<>();
        src.forEachBlock((r0, block) -> {
            starts.add(r0);
            assertEquals(9, block.cols());
            assertTrue(block.rows() == Math.min(blockRows, 200 - r0), "block at " + r0 + ": " + block.rows() + " rows");
            for (int i = 0; i < block.rows(); i++) {
                for (int j = 0; j < 9; j++) {
                    assertEquals(Double.doubleToLongBits(a.get(r0 + i, j)), Double.doubleToLongBits(block.get(i, j)));
                }
            }
        });
        int expected = 0;
        for (int s : starts) {
            assertEquals(expected, s);
            expected += Math.min(blockRows, 200 - s);
        }
        assertEquals(200, expected);
        assertFalse(src.inMemory());
    }

    @Test
    void float32FilesReadAsTheirDoubleValues() throws IOException {
        double[] v = {1.5, -2.25, 3.0e-3, 7, 8, 9};
        Path p = dir.resolve("f.npy");
        Files.write(p, NpyTest.npy(1, "<f4", false, "(3, 2)", v));
        NpyRows src = NpyRows.open(p, 2);
        double[] got = new double[6];
        src.forEachBlock((r0, block) -> {
            for (int i = 0; i < block.rows(); i++) {
                got[2 * (r0 + i)] = block.get(i, 0);
                got[2 * (r0 + i) + 1] = block.get(i, 1);
            }
        });
        for (int k = 0; k < 6; k++) {
            assertEquals((double) (float) v[k], got[k]);
        }
    }

    @Test
    void aNonFiniteEntryIsNamedByItsRowInTheFile() throws IOException {
        DenseMatrix a = matrix(50, 4, 5);
        a.set(37, 2, Double.NEGATIVE_INFINITY);
        NpyRows src = NpyRows.open(write("bad.npy", a), 8);
        MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> src.forEachBlock((r0, b) -> { }));
        assertTrue(e.getMessage().contains("entry (37, 2) is -Infinity"), e.getMessage());
        assertThrows(MatrixFormatException.class, src::matrix);
    }

    @Test
    void aPassStoppedBeforeTheEndLeavesTheNextPassChecking() throws IOException {
        DenseMatrix a = matrix(50, 4, 5);
        a.set(45, 1, Double.NaN);
        NpyRows src = NpyRows.open(write("bad.npy", a), 8);
        class Stop extends RuntimeException {
        }
        assertThrows(Stop.class, () -> src.forEachBlock((r0, b) -> {
            throw new Stop();
        }));
        MatrixFormatException e = assertThrows(MatrixFormatException.class, () -> src.forEachBlock((r0, b) -> { }));
        assertTrue(e.getMessage().contains("entry (45, 1) is NaN"), e.getMessage());
    }

    @Test
    void onlyTwoDimensionalCOrderArraysAreReadByBlocks() throws IOException {
        Path fortran = dir.resolve("fortran.npy");
        Files.write(fortran, NpyTest.npy(1, "<f8", true, "(2, 3)", new double[] {1, 2, 3, 4, 5, 6}));
        assertThrows(MatrixFormatException.class, () -> NpyRows.open(fortran));
        Path vector = dir.resolve("v.npy");
        Npy.write(vector, new double[] {1, 2, 3});
        assertThrows(MatrixFormatException.class, () -> NpyRows.open(vector));
        assertThrows(NoSuchFileException.class, () -> NpyRows.open(dir.resolve("nope.npy")));
    }

    @Test
    void matrixReadsTheWholeFileOnceAndThenServesItAsOneBlock() throws IOException {
        DenseMatrix a = matrix(30, 3, 7);
        NpyRows src = NpyRows.open(write("a.npy", a), 4);
        DenseMatrix whole = src.matrix();
        assertTrue(src.inMemory());
        assertSame(whole, src.matrix());
        assertArrayEquals(a.data(), whole.data());
        int[] calls = {0};
        src.forEachBlock((r0, b) -> {
            calls[0]++;
            assertSame(whole, b);
        });
        assertEquals(1, calls[0]);
    }

    /**
     * The normal equations from a file read block by block agree with the solve from memory to a few
     * units of rounding (only the order of the sums over rows differs), for least squares and for a
     * Gram power, at a block size that leaves a short last block.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void normalEquationsByBlocksAgreeWithTheInMemorySolve(int power) throws IOException {
        SyntheticProblem p = SyntheticProblem.withCondition(1000, 12, 1e3, 11);
        NpyRows src = NpyRows.open(write("a.npy", p.a()), 77);
        double[] xStar = SyntheticProblem.gaussian(12, 5, 2);
        double[] b = p.lstsqRhs(power, xStar, 0.5, 13);
        PowerOptions o = PowerOptions.defaults();
        PowerResult mem = PowerSolver.lstsqPower(p.a(), b, power, o);
        PowerResult blk = PowerSolver.lstsqPower(src, b, power, o);
        assertEquals(Method.NORMAL, blk.method());
        assertFalse(src.inMemory(), "the normal equations never read A whole");
        assertTrue(blk.converged());
        double memError = SyntheticProblem.forwardError(mem.x(), xStar);
        double blkError = SyntheticProblem.forwardError(blk.x(), xStar);
        assertTrue(blkError <= 10 * memError + 1e-15, "forward error by blocks " + blkError + ", in memory " + memError);
        assertEquals(mem.relativeResidual(), blk.relativeResidual(), 1e-12 * Math.max(1, mem.relativeResidual()));

        double[] c = p.gramPowerTimes(power, xStar);
        PowerResult gm = PowerSolver.gramPower(p.a(), c, power, o);
        PowerResult gb = PowerSolver.gramPower(src, c, power, o);
        assertFalse(src.inMemory());
        double gmError = SyntheticProblem.forwardError(gm.x(), xStar);
        double gbError = SyntheticProblem.forwardError(gb.x(), xStar);
        assertTrue(gbError <= 10 * gmError + 1e-15, "gram-power forward error by blocks " + gbError + ", in memory " + gmError);
    }

    /** A route that needs A whole reads the file once and then gives the in-memory solve's bits. */
    @Test
    void aRouteThatNeedsTheWholeMatrixReadsItAndMatchesTheInMemorySolve() throws IOException {
        SyntheticProblem p = SyntheticProblem.withCondition(600, 10, 1e2, 21);
        double[] b = SyntheticProblem.gaussian(600, 3, 4);
        PowerOptions direct = PowerOptions.builder().method(Method.DIRECT).build();
        NpyRows src = NpyRows.open(write("a.npy", p.a()), 64);
        PowerResult blk = PowerSolver.lstsqPower(src, b, 0, direct);
        assertTrue(src.inMemory());
        assertArrayEquals(PowerSolver.lstsqPower(p.a(), b, 0, direct).x(), blk.x());

        // AUTO declines the normal equations at κ(A) = 1e9 (κ² beyond 1/(100u)) and falls back
        SyntheticProblem ill = SyntheticProblem.withCondition(600, 10, 1e9, 22);
        NpyRows illSrc = NpyRows.open(write("ill.npy", ill.a()), 64);
        PowerResult auto = PowerSolver.lstsqPower(illSrc, b, 0, PowerOptions.defaults());
        PowerResult mem = PowerSolver.lstsqPower(ill.a(), b, 0, PowerOptions.defaults());
        assertEquals(mem.method(), auto.method());
        assertTrue(auto.method() != Method.NORMAL, "declined: " + auto.method());
        assertArrayEquals(mem.x(), auto.x());
    }

    @Test
    void rowSourceOfAMatrixIsOneBlockInMemory() {
        DenseMatrix a = matrix(5, 2, 1);
        RowSource s = RowSource.of(a);
        assertTrue(s.inMemory());
        int[] calls = {0};
        s.forEachBlock((r0, b) -> {
            calls[0]++;
            assertEquals(0, r0);
            assertSame(a, b);
        });
        assertEquals(1, calls[0]);
        assertThrows(IllegalArgumentException.class, () -> RowSource.of(null));
    }
}
