package akr.kernels.gemv;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.TestTiers;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;

import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tier of {@link Gemv} must satisfy; subclassed once per tier. */
abstract class GemvContract {

    private final Gemv ref = Gemv.of(Tier.REFERENCE);

    abstract Tier tier();

    Gemv k() {
        return Gemv.of(tier());
    }

    @Provide
    Arbitrary<Integer> dims() {
        return Sizes.upTo(300);
    }

    @Provide
    Arbitrary<Double> scalars() {
        return Arbitraries.of(0.0, 1.0, -1.0, 0.5, -2.25, 3.0);
    }

    @Property(tries = 300)
    void matchesReference(@ForAll("dims") int rows, @ForAll("dims") int cols, @ForAll Op op,
                          @ForAll("scalars") double alpha, @ForAll("scalars") double beta,
                          @ForAll @IntRange(max = 9) int offset, @ForAll @IntRange(max = 5) int padLd,
                          @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, offset, padLd);
        int m = op.rows(a);
        int n = op.cols(a);
        double[] x = RandomData.vector(seed + 1, n + 2);
        double[] y0 = RandomData.vector(seed + 2, m + 3);
        if (beta == 0) {
            Arrays.fill(y0, 3, m + 3, Double.NaN); // beta = 0 must overwrite NaN
        }
        double[] want = y0.clone();
        double[] got = y0.clone();
        ref.gemv(op, alpha, a, x, 2, beta, want, 3);
        k().gemv(op, alpha, a, x, 2, beta, got, 3);
        for (int i = 0; i < m; i++) {
            double bound = 0;
            for (int j = 0; j < n; j++) {
                double aij = op == Op.N ? a.get(i, j) : a.get(j, i);
                bound += Math.abs(aij * x[2 + j]);
            }
            bound = 2 * gamma(n + 2) * (Math.abs(alpha) * bound + (beta == 0 ? 0 : Math.abs(beta * y0[3 + i])));
            assertTrue(Double.isFinite(got[3 + i]), "non-finite y at " + i);
            assertEquals(want[3 + i], got[3 + i], bound, "row " + i + " of " + m + "x" + n + " " + op);
        }
        assertEquals(y0[0], got[0]);
        assertEquals(y0[1], got[1]);
        assertEquals(y0[2], got[2]);
    }

    @Property(tries = 60)
    void unitVectorPicksAColumnOrRowExactly(@ForAll("dims") int rows, @ForAll("dims") int cols,
                                            @ForAll long seed) {
        if (rows == 0 || cols == 0) {
            return;
        }
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 1, 2);
        int j = (int) Math.floorMod(seed, (long) cols);
        double[] e = new double[cols];
        e[j] = 1;
        double[] col = k().multiply(Op.N, a, e);
        for (int i = 0; i < rows; i++) {
            assertEquals(a.get(i, j), col[i]);
        }
        int i0 = (int) Math.floorMod(seed, (long) rows);
        double[] f = new double[rows];
        f[i0] = 1;
        double[] row = k().multiply(Op.T, a, f);
        for (int c = 0; c < cols; c++) {
            assertEquals(a.get(i0, c), row[c]);
        }
    }

    @Property(tries = 60)
    void adjointIdentity(@ForAll("dims") int rows, @ForAll("dims") int cols, @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 0, 0);
        double[] x = RandomData.vector(seed + 1, cols);
        double[] y = RandomData.vector(seed + 2, rows);
        double[] ax = k().multiply(Op.N, a, x);
        double[] aty = k().multiply(Op.T, a, y);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < rows; i++) {
            lhs += y[i] * ax[i];
        }
        for (int j = 0; j < cols; j++) {
            rhs += x[j] * aty[j];
        }
        assertEquals(lhs, rhs, 4 * gamma(rows + cols) * rows * cols);
    }

    @Property(tries = 10)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 3000, max = 40000) int rows,
                                            @ForAll @IntRange(min = 1, max = 70) int cols, @ForAll Op op,
                                            @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 0, 1);
        double[] x = RandomData.vector(seed + 1, op.cols(a));
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            double[] y1 = Gemv.of(tier(), one).multiply(op, a, x);
            double[] y2 = Gemv.of(tier(), two).multiply(op, a, x);
            double[] y3 = Gemv.of(tier(), three).multiply(op, a, x);
            assertArrayEquals(y1, y2);
            assertArrayEquals(y1, y3);
        }
    }

    @Property(tries = 200)
    void fusedProductMatchesTheTwoProducts(@ForAll("dims") int rows, @ForAll("dims") int cols,
                                           @ForAll("scalars") double alpha, @ForAll("scalars") double beta,
                                           @ForAll @IntRange(max = 9) int offset,
                                           @ForAll @IntRange(max = 5) int padLd, @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, offset, padLd);
        double[] x = RandomData.vector(seed + 1, cols + 1);
        double[] y0 = RandomData.vector(seed + 2, rows + 2);
        if (beta == 0) {
            Arrays.fill(y0, 2, rows + 2, Double.NaN); // beta = 0 must overwrite NaN
        }
        double[] wantY = y0.clone();
        double[] wantZ = new double[cols + 3];
        ref.gemv(Op.N, alpha, a, x, 1, beta, wantY, 2);
        ref.gemv(Op.T, 1.0, a, wantY, 2, 0.0, wantZ, 3);
        double[] gotY = y0.clone();
        double[] gotZ = new double[cols + 3];
        Arrays.fill(gotZ, Double.NaN);
        k().gemvThenTransposed(alpha, a, x, 1, beta, gotY, 2, gotZ, 3);
        // y: each element is one dot product, as in gemv
        double[] absY = new double[rows];
        for (int i = 0; i < rows; i++) {
            double bound = 0;
            for (int j = 0; j < cols; j++) {
                bound += Math.abs(a.get(i, j) * x[1 + j]);
            }
            absY[i] = Math.abs(alpha) * bound + (beta == 0 ? 0 : Math.abs(beta * y0[2 + i]));
            assertEquals(wantY[2 + i], gotY[2 + i], 2 * gamma(cols + 2) * absY[i], "y row " + i);
        }
        // z = Aᵀy: y's error (up to twice the bound above: both sides round) carried through |A|,
        // plus the rounding of both sums over |A||y|
        for (int j = 0; j < cols; j++) {
            double carried = 0;
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                double aij = Math.abs(a.get(i, j));
                carried += aij * 2 * gamma(cols + 2) * absY[i];
                sum += aij * (Math.abs(wantY[2 + i]) + 2 * gamma(cols + 2) * absY[i]);
            }
            assertTrue(Double.isFinite(gotZ[3 + j]), "non-finite z at " + j);
            assertEquals(wantZ[3 + j], gotZ[3 + j], 2 * carried + 2 * gamma(rows + 2) * sum, "z column " + j);
        }
        assertTrue(Double.isNaN(gotZ[0]) && Double.isNaN(gotZ[2]), "z outside its slice was written");
        assertEquals(y0[0], gotY[0]);
        assertEquals(y0[1], gotY[1]);
    }

    @Property(tries = 60)
    void fusedGramProductIsTheSquaredNorm(@ForAll("dims") int rows, @ForAll("dims") int cols, @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 0, 0);
        double[] x = RandomData.vector(seed + 1, cols);
        double[] y = new double[rows];
        double[] z = new double[cols];
        k().gemvThenTransposed(1.0, a, x, 0, 0.0, y, 0, z, 0);
        double xz = 0, yy = 0, scale = 0;
        for (int j = 0; j < cols; j++) {
            xz += x[j] * z[j];
            scale += Math.abs(x[j] * z[j]);
        }
        for (int i = 0; i < rows; i++) {
            yy += y[i] * y[i];
        }
        // xᵀ(AᵀAx) = ‖Ax‖²
        assertEquals(yy, xz, 4 * gamma(rows + cols + 2) * (scale + yy + 1e-300));
    }

    @Property(tries = 10)
    void fusedProductsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 3000, max = 40000) int rows,
                                                   @ForAll @IntRange(min = 1, max = 70) int cols,
                                                   @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 0, 1);
        double[] x = RandomData.vector(seed + 1, cols);
        double[] b = RandomData.vector(seed + 2, rows);
        double[][] ys = new double[3][];
        double[][] zs = new double[3][];
        double[][] compensatedZs = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (ParallelExecutor ex = ParallelExecutor.create(t)) {
                Gemv gemv = Gemv.of(tier(), ex);
                ys[t - 1] = b.clone();
                zs[t - 1] = new double[cols];
                gemv.gemvThenTransposed(-1.0, a, x, 0, 1.0, ys[t - 1], 0, zs[t - 1], 0);
                compensatedZs[t - 1] = new double[cols];
                gemv.gemvThenTransposedCompensated(-1.0, a, x, 0, 1.0, b.clone(), 0, compensatedZs[t - 1], 0);
            }
        }
        assertArrayEquals(ys[0], ys[1]);
        assertArrayEquals(ys[0], ys[2]);
        assertArrayEquals(zs[0], zs[1]);
        assertArrayEquals(zs[0], zs[2]);
        assertArrayEquals(compensatedZs[0], compensatedZs[1]);
        assertArrayEquals(compensatedZs[0], compensatedZs[2]);
    }

    /**
     * The compensated fused product: y bit-identical to the plain fused product's, and each z_j
     * within Dot2's bound u·|s| + γ²·Σ|a·y| of the exact s = Σ_r A[r, j]·y_r (computed in BigDecimal
     * from the returned y), on data whose sums cancel: rows come in equal pairs whose y values
     * nearly cancel, so s is tiny against Σ|a·y| and a plain sum's error γ_rows·Σ|a·y| would not pass.
     */
    @Property(tries = 40)
    void compensatedFusedProductIsAccurateOnCancellingSums(@ForAll("pairs") int pairs, @ForAll("dims") int cols,
                                                           @ForAll("scalars") double alpha, @ForAll long seed) {
        if (pairs > 300) {
            cols = cols % 10; // long sums: a few columns, across the vector-lane edges, keep the BigDecimal check cheap
        }
        int rows = 2 * pairs;
        DenseMatrix half = RandomData.matrix(seed, pairs, cols, 0, 0);
        DenseMatrix a = DenseMatrix.zeros(rows, cols);
        double[] w = RandomData.vector(seed + 1, pairs);
        double[] delta = RandomData.vector(seed + 2, pairs);
        double[] y0 = new double[rows];
        for (int k = 0; k < pairs; k++) {
            for (int j = 0; j < cols; j++) {
                a.set(2 * k, j, half.get(k, j));
                a.set(2 * k + 1, j, half.get(k, j));
            }
            y0[2 * k] = 1e6 * w[k];
            y0[2 * k + 1] = -1e6 * w[k] + delta[k];
        }
        double[] x = RandomData.vector(seed + 3, cols);
        double beta = 1.0;
        double[] plainY = y0.clone();
        double[] plainZ = new double[cols];
        k().gemvThenTransposed(alpha, a, x, 0, beta, plainY, 0, plainZ, 0);
        double[] y = y0.clone();
        double[] z = new double[cols];
        k().gemvThenTransposedCompensated(alpha, a, x, 0, beta, y, 0, z, 0);
        assertArrayEquals(plainY, y, "y must be the plain fused product's");
        for (int j = 0; j < cols; j++) {
            assertWithinDot2Bound(a, y, j, z[j], rows + Gemv.MAX_T_CHUNKS + 2);
        }
    }

    /**
     * The unrounded pair: fl(z + zErr) is the compensated kernel's z bit for bit, y is the same, and
     * continuing the compensated sum over row blocks (TwoSum of the blocks' z, error terms aside, as
     * a caller streaming A does) stays within Dot2's bound of the exact sum over all rows.
     */
    @Property(tries = 30)
    void compensatedPairRoundsToTheCompensatedProductAndChainsOverBlocks(
            @ForAll("pairs") int pairs, @ForAll("dims") int cols, @ForAll @IntRange(min = 1, max = 9) int blocks,
            @ForAll long seed) {
        if (pairs > 300) {
            cols = cols % 10;
        }
        int rows = 2 * pairs;
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 0, 0);
        double[] y0 = new double[rows];
        double[] w = RandomData.vector(seed + 1, pairs);
        double[] delta = RandomData.vector(seed + 2, pairs);
        for (int k = 0; k < pairs; k++) { // cancelling sums, as above
            for (int j = 0; j < cols; j++) {
                a.set(2 * k + 1, j, a.get(2 * k, j));
            }
            y0[2 * k] = 1e6 * w[k];
            y0[2 * k + 1] = -1e6 * w[k] + delta[k];
        }
        double[] x = RandomData.vector(seed + 3, cols);
        double[] y = y0.clone();
        double[] z = new double[cols];
        k().gemvThenTransposedCompensated(-1.0, a, x, 0, 1.0, y, 0, z, 0);
        double[] py = y0.clone();
        double[] pz = new double[cols];
        double[] pe = new double[cols];
        k().gemvThenTransposedCompensatedPair(-1.0, a, x, 0, 1.0, py, 0, pz, pe);
        assertArrayEquals(y, py, "y must be the compensated product's");
        for (int j = 0; j < cols; j++) {
            assertEquals(Double.doubleToLongBits(z[j]), Double.doubleToLongBits(pz[j] + pe[j]), "column " + j);
        }
        double[] sum = new double[cols];
        double[] err = new double[cols];
        double[] by = y0.clone();
        for (int b = 0; b < blocks; b++) {
            int r0 = (int) ((long) rows * b / blocks);
            int r1 = (int) ((long) rows * (b + 1) / blocks);
            double[] bz = new double[cols];
            double[] be = new double[cols];
            k().gemvThenTransposedCompensatedPair(-1.0, a.rows(r0, r1 - r0), x, 0, 1.0, by, r0, bz, be);
            for (int j = 0; j < cols; j++) {
                double u = sum[j] + bz[j];
                double v = u - sum[j];
                err[j] += (sum[j] - (u - v)) + (bz[j] - v) + be[j];
                sum[j] = u;
            }
        }
        assertArrayEquals(y, by, "y by blocks");
        for (int j = 0; j < cols; j++) {
            assertWithinDot2Bound(a, y, j, sum[j] + err[j], rows + blocks * (Gemv.MAX_T_CHUNKS + 2));
        }
    }

    /**
     * z within Dot2's bound u·|s| + γ_m²·Σ|a·y| of the exact s = Σ_r A[r, j]·y_r (BigDecimal), m the
     * number of summed terms and chunk sums.
     */
    private static void assertWithinDot2Bound(DenseMatrix a, double[] y, int j, double z, int m) {
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        double abs = 0;
        for (int r = 0; r < a.rows(); r++) {
            exact = exact.add(new java.math.BigDecimal(a.get(r, j)).multiply(new java.math.BigDecimal(y[r])));
            abs += Math.abs(a.get(r, j) * y[r]);
        }
        double s = exact.doubleValue();
        double g = gamma(m);
        double bound = TestTiers.U * Math.abs(s) + g * g * abs + Double.MIN_NORMAL;
        double err = Math.abs(new java.math.BigDecimal(z).subtract(exact).doubleValue());
        assertTrue(err <= bound, "column " + j + ": error " + err + " > " + bound + " (sum " + s + ", Σ|ay| " + abs + ")");
    }

    @Provide
    Arbitrary<Integer> pairs() {
        return Arbitraries.oneOf(Sizes.upTo(300), Arbitraries.integers().between(2000, 10000));
    }

    @Example
    void fusedProductRejectsOverlapsBeforeAnyWrite() {
        DenseMatrix a = DenseMatrix.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        double[] shared = new double[8];
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposed(1, a, shared, 0, 0, shared, 2, new double[3], 0));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposed(1, a, new double[3], 0, 0, shared, 0, shared, 1));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposed(1, a, new double[3], 0, 0, new double[2], 0, new double[2], 0));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposed(1, a, new double[3], 0, 0, new double[2], 0, a.data(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposedCompensated(1, a, new double[3], 0, 0, shared, 0, shared, 1));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposedCompensated(1, a, new double[3], 0, 0, new double[2], 0, a.data(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposedCompensatedPair(1, a, new double[3], 0, 0, new double[2], 0, new double[3],
                        null));
        assertThrows(IllegalArgumentException.class,
                () -> k().gemvThenTransposedCompensatedPair(1, a, new double[3], 0, 0, shared, 0, new double[3], shared));
        assertArrayEquals(new double[8], shared);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        DenseMatrix a = DenseMatrix.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        double[] y = {7, 8};
        assertThrows(IllegalArgumentException.class, () -> k().gemv(Op.N, 1, a, new double[2], 0, 0, y, 0));
        assertThrows(IllegalArgumentException.class, () -> k().gemv(Op.T, 1, a, new double[2], 0, 0, y, 0));
        assertThrows(IllegalArgumentException.class, () -> k().gemv(null, 1, a, new double[3], 0, 0, y, 0));
        assertThrows(IllegalArgumentException.class, () -> k().gemv(Op.N, 1, null, new double[3], 0, 0, y, 0));
        assertThrows(IllegalArgumentException.class, () -> k().gemv(Op.N, 1, a, new double[3], 0, 0, y, 1));
        double[] shared = new double[5];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k().gemv(Op.N, 1, a, shared, 0, 0, shared, 2));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> k().gemv(Op.N, 1, a, new double[3], 0, 0, a.data(), 0));
        assertTrue(e2.getMessage().contains("a"), e2.getMessage());
        assertArrayEquals(new double[] {7, 8}, y);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
    }
}
