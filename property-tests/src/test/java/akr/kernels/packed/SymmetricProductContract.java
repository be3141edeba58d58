package akr.kernels.packed;

import akr.kernels.DenseMatrix;
import akr.kernels.RandomData;
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

/** What every tier of {@link SymmetricProduct} must satisfy; subclassed once per tier. */
abstract class SymmetricProductContract {

    private final SymmetricProduct ref = SymmetricProduct.of(Tier.REFERENCE);

    abstract Tier tier();

    SymmetricProduct k() {
        return SymmetricProduct.of(tier());
    }

    /** Lane and unroll edges, odd primes, uniform orders, and orders with two or more row parts. */
    @Provide
    Arbitrary<Integer> orders() {
        return Arbitraries.oneOf(
                Arbitraries.of(1, 2, 3, 5, 7, 8, 9, 11, 13, 15, 16, 17, 31, 33, 37, 63, 64, 65, 97, 127, 257, 509),
                Arbitraries.integers().between(1, 300));
    }

    @Provide
    Arbitrary<Integer> rhs() {
        return Arbitraries.of(1, 2, 3, 4, 5, 8);
    }

    /** A random symmetric matrix, entries uniform in [−1, 1). */
    static PackedSymmetric random(long seed, int n) {
        return PackedSymmetric.wrap(n, RandomData.vector(seed, (int) PackedSymmetric.packedLength(n)));
    }

    /**
     * Checks yt against the reference product, entry by entry, within twice the sum bound
     * γ_{n+P+2}·Σ_j |H_ij||x_j| (both sides round), and that yt's storage outside the view is untouched.
     */
    private void assertMatchesReference(PackedSymmetric h, DenseMatrix xt, DenseMatrix yt, double[] ytBefore) {
        int n = h.n();
        DenseMatrix want = DenseMatrix.zeros(xt.rows(), n);
        ref.multiply(h, xt, want);
        double g = gamma(n + SymmetricProduct.MAX_PARTS + 2);
        for (int c = 0; c < xt.rows(); c++) {
            for (int i = 0; i < n; i++) {
                double scale = 0;
                for (int j = 0; j < n; j++) {
                    scale += Math.abs(h.get(i, j) * xt.get(c, j));
                }
                assertTrue(Double.isFinite(yt.get(c, i)), "non-finite y at (" + c + ", " + i + ")");
                assertEquals(want.get(c, i), yt.get(c, i), 2 * g * scale,
                        "entry " + i + " of right-hand side " + c + " of " + xt.rows() + ", n = " + n);
            }
        }
        double[] after = yt.data();
        for (int q = 0; q < after.length; q++) {
            boolean inView = false;
            for (int c = 0; c < yt.rows() && !inView; c++) {
                inView = q >= yt.index(c, 0) && q < yt.index(c, 0) + n;
            }
            if (!inView) {
                assertEquals(Double.doubleToRawLongBits(ytBefore[q]), Double.doubleToRawLongBits(after[q]),
                        "yt storage outside the view written at " + q);
            }
        }
    }

    @Property(tries = 200)
    void blockFormMatchesReference(@ForAll("orders") int n, @ForAll("rhs") int r,
                                   @ForAll @IntRange(max = 9) int offset, @ForAll @IntRange(max = 5) int padLd,
                                   @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        DenseMatrix xt = RandomData.matrix(seed + 1, r, n, offset, padLd);
        DenseMatrix yt = RandomData.matrix(seed + 2, r, n, padLd, offset);
        yt.fill(Double.NaN); // the product overwrites: NaN in y must not reach the result
        double[] before = yt.data().clone();
        k().multiply(h, xt, yt);
        assertMatchesReference(h, xt, yt, before);
    }

    @Property(tries = 200)
    void vectorFormMatchesReference(@ForAll("orders") int n, @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        double[] x = RandomData.vector(seed + 1, n);
        double[] y = new double[n];
        Arrays.fill(y, Double.NaN);
        k().multiply(h, x, y);
        assertMatchesReference(h, DenseMatrix.wrap(x, 1, n), DenseMatrix.wrap(y, 1, n), new double[n]);
    }

    /** Orders with many row parts, and r across the groups of four and the L2 row blocks. */
    @Property(tries = 6)
    void matchesReferenceOnLargeOrders(@ForAll @IntRange(min = 1000, max = 3000) int n, @ForAll("rhs") int r,
                                       @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        DenseMatrix xt = RandomData.matrix(seed + 1, r, n, 3, 1);
        DenseMatrix yt = RandomData.matrix(seed + 2, r, n, 1, 2);
        yt.fill(Double.NaN);
        double[] before = yt.data().clone();
        k().multiply(h, xt, yt);
        assertMatchesReference(h, xt, yt, before);
    }

    /** More right-hand sides than one pass over H takes. */
    @Property(tries = 20)
    void manyRightHandSidesMatchReference(@ForAll @IntRange(min = 1, max = 130) int n,
                                          @ForAll @IntRange(min = 6, max = 37) int r, @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        DenseMatrix xt = RandomData.matrix(seed + 1, r, n, 0, 1);
        DenseMatrix yt = RandomData.matrix(seed + 2, r, n, 0, 0);
        yt.fill(Double.NaN);
        double[] before = yt.data().clone();
        k().multiply(h, xt, yt);
        assertMatchesReference(h, xt, yt, before);
    }

    @Property(tries = 60)
    void blockFormWithOneRightHandSideIsTheVectorForm(@ForAll("orders") int n,
                                                      @ForAll @IntRange(max = 9) int offset, @ForAll long seed) {
        if (seed % 5 == 0) {
            n = 1000 + (int) Math.floorMod(seed, 2000L); // several row parts
        }
        PackedSymmetric h = random(seed, n);
        DenseMatrix xt = RandomData.matrix(seed + 1, 1, n, offset, 0);
        double[] x = new double[n];
        System.arraycopy(xt.data(), offset, x, 0, n);
        DenseMatrix yt = DenseMatrix.zeros(1, n);
        k().multiply(h, xt, yt);
        assertArrayEquals(k().multiply(h, x), yt.data());
    }

    @Property(tries = 8)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 400, max = 3000) int n, @ForAll("rhs") int r,
                                            @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        DenseMatrix xt = RandomData.matrix(seed + 1, r, n, 0, 0);
        double[] x = RandomData.vector(seed + 2, n);
        double[][] blocks = new double[3][];
        double[][] vectors = new double[3][];
        for (int t = 1; t <= 3; t++) {
            try (ParallelExecutor ex = ParallelExecutor.create(t)) {
                SymmetricProduct sp = SymmetricProduct.of(tier(), ex);
                DenseMatrix yt = DenseMatrix.zeros(r, n);
                sp.multiply(h, xt, yt);
                blocks[t - 1] = yt.data();
                vectors[t - 1] = sp.multiply(h, x);
            }
        }
        assertArrayEquals(blocks[0], blocks[1]);
        assertArrayEquals(blocks[0], blocks[2]);
        assertArrayEquals(vectors[0], vectors[1]);
        assertArrayEquals(vectors[0], vectors[2]);
    }

    /** H(αx + βz) = αHx + βHz, within the rounding of the three products and of αx + βz. */
    @Property(tries = 60)
    void isLinear(@ForAll("orders") int n, @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        double[] x = RandomData.vector(seed + 1, n);
        double[] z = RandomData.vector(seed + 2, n);
        double alpha = 1.5 - (seed & 3), beta = -0.75 + (seed >>> 2 & 3);
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            w[j] = alpha * x[j] + beta * z[j];
        }
        double[] hw = k().multiply(h, w);
        double[] hx = k().multiply(h, x);
        double[] hz = k().multiply(h, z);
        double g = gamma(n + SymmetricProduct.MAX_PARTS + 4);
        for (int i = 0; i < n; i++) {
            double scale = 0;
            for (int j = 0; j < n; j++) {
                scale += Math.abs(h.get(i, j)) * (Math.abs(alpha * x[j]) + Math.abs(beta * z[j]));
            }
            assertEquals(alpha * hx[i] + beta * hz[i], hw[i], 4 * g * scale, "entry " + i + " of " + n);
        }
    }

    /** xᵀ(Hz) = zᵀ(Hx): the product is the symmetric matrix's, not one triangle's. */
    @Property(tries = 60)
    void isSymmetric(@ForAll("orders") int n, @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        double[] x = RandomData.vector(seed + 1, n);
        double[] z = RandomData.vector(seed + 2, n);
        double[] hz = k().multiply(h, z);
        double[] hx = k().multiply(h, x);
        double lhs = 0, rhs = 0, scale = 0;
        for (int i = 0; i < n; i++) {
            lhs += x[i] * hz[i];
            rhs += z[i] * hx[i];
            for (int j = 0; j < n; j++) {
                scale += Math.abs(x[i] * h.get(i, j) * z[j]);
            }
        }
        assertEquals(lhs, rhs, 4 * gamma(2 * n + SymmetricProduct.MAX_PARTS + 2) * scale);
    }

    /** H·e_j is column j of H exactly: every other product is zero. */
    @Property(tries = 60)
    void unitVectorPicksAColumnExactly(@ForAll("orders") int n, @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        int j = (int) Math.floorMod(seed, (long) n);
        double[] e = new double[n];
        e[j] = 1;
        double[] col = k().multiply(h, e);
        for (int i = 0; i < n; i++) {
            assertEquals(h.get(i, j), col[i], 0.0, "entry " + i);
        }
    }

    /** A NaN in x reaches every entry of y (all of H's entries are non-zero), in every right-hand side it is in. */
    @Property(tries = 30)
    void nanInXPropagates(@ForAll("orders") int n, @ForAll("rhs") int r, @ForAll long seed) {
        PackedSymmetric h = random(seed, n);
        DenseMatrix xt = RandomData.matrix(seed + 1, r, n, 0, 0);
        int c = (int) Math.floorMod(seed, (long) r);
        xt.set(c, (int) Math.floorMod(seed, (long) n), Double.NaN);
        DenseMatrix yt = DenseMatrix.zeros(r, n);
        k().multiply(h, xt, yt);
        for (int q = 0; q < r; q++) {
            for (int i = 0; i < n; i++) {
                assertEquals(q == c, Double.isNaN(yt.get(q, i)), "(" + q + ", " + i + ")");
            }
        }
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        PackedSymmetric h = PackedSymmetric.wrap(3, new double[] {1, 2, 3, 4, 5, 6});
        double[] y = {7, 8, 9};
        assertThrows(IllegalArgumentException.class, () -> k().multiply(null, new double[3], y));
        assertThrows(IllegalArgumentException.class, () -> k().multiply(h, null, y));
        assertThrows(IllegalArgumentException.class, () -> k().multiply(h, new double[3], (double[]) null));
        IllegalArgumentException shortX = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(h, new double[2], y));
        assertTrue(shortX.getMessage().startsWith("x: length 2"), shortX.getMessage());
        IllegalArgumentException longY = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(h, new double[3], new double[4]));
        assertTrue(longY.getMessage().startsWith("y: length 4"), longY.getMessage());
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class, () -> k().multiply(h, y, y));
        assertTrue(same.getMessage().contains("overlaps x"), same.getMessage());
        PackedSymmetric one = PackedSymmetric.wrap(1, new double[] {2});
        IllegalArgumentException storage = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(one, new double[] {1}, one.data()));
        assertTrue(storage.getMessage().contains("storage of h"), storage.getMessage());
        assertArrayEquals(new double[] {7, 8, 9}, y);
        assertArrayEquals(new double[] {2}, one.data());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, h.data());
    }

    @Example
    void badBlockArgumentsAreRejectedBeforeAnyWrite() {
        PackedSymmetric h = PackedSymmetric.wrap(3, new double[] {1, 2, 3, 4, 5, 6});
        DenseMatrix xt = DenseMatrix.zeros(2, 3);
        DenseMatrix yt = DenseMatrix.wrap(new double[] {7, 8, 9, 10, 11, 12}, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> k().multiply(null, xt, yt));
        assertThrows(IllegalArgumentException.class, () -> k().multiply(h, null, yt));
        assertThrows(IllegalArgumentException.class, () -> k().multiply(h, xt, (DenseMatrix) null));
        IllegalArgumentException cols = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(h, DenseMatrix.zeros(3, 2), DenseMatrix.zeros(3, 2)));
        assertTrue(cols.getMessage().startsWith("xt: 3x2"), cols.getMessage());
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(h, xt, DenseMatrix.zeros(3, 3)));
        assertTrue(rows.getMessage().startsWith("yt: 3x3"), rows.getMessage());
        double[] shared = new double[9];
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(h, new DenseMatrix(shared, 0, 2, 3, 3), new DenseMatrix(shared, 3, 2, 3, 3)));
        assertTrue(overlap.getMessage().contains("overlaps xt"), overlap.getMessage());
        IllegalArgumentException storage = assertThrows(IllegalArgumentException.class,
                () -> k().multiply(h, DenseMatrix.zeros(1, 3), DenseMatrix.wrap(h.data(), 1, 3)));
        assertTrue(storage.getMessage().contains("storage of h"), storage.getMessage());
        assertArrayEquals(new double[9], shared);
        assertArrayEquals(new double[] {7, 8, 9, 10, 11, 12}, yt.data());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, h.data());
        // no right-hand sides: nothing to do, nothing thrown
        k().multiply(h, DenseMatrix.zeros(0, 3), DenseMatrix.zeros(0, 3));
    }
}
