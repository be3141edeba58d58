package akr.kernels.fwht;

import akr.kernels.DenseMatrix;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every tier of {@link Fwht} must satisfy; subclassed once per tier. */
abstract class FwhtContract {

    private final Fwht ref = Fwht.of(Tier.REFERENCE);

    abstract Tier tier();

    Fwht k() {
        return Fwht.of(tier());
    }

    static double[] signs(long seed, int n) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextBoolean() ? 1.0 : -1.0;
        }
        return x;
    }

    /** H[i, j] = (−1)^popcount(i AND j), the dense definition. */
    static double hadamard(int i, int j) {
        return (Integer.bitCount(i & j) & 1) == 0 ? 1.0 : -1.0;
    }

    @Property(tries = 40)
    void plusMinusOneInputsMatchTheDenseHadamardProductExactly(@ForAll @IntRange(max = 12) int logN,
                                                               @ForAll long seed) {
        int n = 1 << logN;
        double[] x = signs(seed, n);
        double[] want = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += hadamard(i, j) * x[j];
            }
            want[i] = s;
        }
        double[] got = x.clone();
        k().transform(got);
        assertArrayEquals(want, got);
    }

    @Property(tries = 40)
    void matchesTheReferenceBitForBit(@ForAll @IntRange(max = 18) int logN, @ForAll @IntRange(max = 9) int off,
                                      @ForAll long seed) {
        int n = 1 << logN;
        double[] x = RandomData.vector(seed, n + off + 3);
        double[] want = x.clone();
        double[] got = x.clone();
        ref.transform(want, off, n);
        k().transform(got, off, n);
        assertArrayEquals(want, got);
    }

    @Example
    void severalCrossBlockStagesInOnePassMatchTheReferenceBitForBit() {
        // 2^21: five stages above the 2^16-element cache block (radix-16 and radix-2 passes over memory)
        int n = 1 << 21;
        double[] x = RandomData.vector(21, n + 5);
        double[] want = x.clone();
        double[] got = x.clone();
        ref.transform(want, 5, n);
        k().transform(got, 5, n);
        assertArrayEquals(want, got);
    }

    @Property(tries = 6)
    void largeRowTransformsMatchTheReferenceBitForBit(@ForAll @IntRange(min = 11, max = 12) int logRows,
                                                      @ForAll @IntRange(min = 33, max = 70) int cols,
                                                      @ForAll @IntRange(max = 1) int padLd, @ForAll long seed) {
        // more rows than a cache block holds: the cross-block stages run on packed and strided rows
        DenseMatrix a = RandomData.matrix(seed, 1 << logRows, cols, 2, padLd);
        DenseMatrix want = new DenseMatrix(a.data().clone(), a.offset(), a.rows(), cols, a.ld());
        ref.transformRows(want);
        k().transformRows(a);
        assertArrayEquals(want.data(), a.data());
    }

    @Property(tries = 40)
    void transformingTwiceMultipliesByTheLength(@ForAll @IntRange(max = 17) int logN, @ForAll long seed) {
        int n = 1 << logN;
        double[] x = RandomData.vector(seed, n);
        double[] y = x.clone();
        k().transform(y);
        k().transform(y);
        double l1 = 0;
        for (double v : x) {
            l1 += Math.abs(v);
        }
        double bound = gamma(2 * logN) * n * l1;
        for (int i = 0; i < n; i++) {
            assertEquals(n * x[i], y[i], bound, "element " + i + " of 2^" + logN);
        }
    }

    @Property(tries = 60)
    void batchedFormEqualsThePerColumnTransform(@ForAll @IntRange(max = 10) int logRows,
                                                @ForAll("cols") int cols,
                                                @ForAll @IntRange(max = 5) int offset,
                                                @ForAll @IntRange(max = 3) int padLd, @ForAll long seed) {
        int n = 1 << logRows;
        DenseMatrix a = RandomData.matrix(seed, n, cols, offset, padLd);
        DenseMatrix want = a.copy();
        ref.transformRows(want);
        DenseMatrix got = new DenseMatrix(a.data().clone(), a.offset(), n, cols, a.ld());
        k().transformRows(got);
        for (int j = 0; j < cols; j++) {
            double[] col = new double[n];
            for (int i = 0; i < n; i++) {
                col[i] = a.get(i, j);
            }
            ref.transform(col);
            for (int i = 0; i < n; i++) {
                assertEquals(col[i], got.get(i, j), "(" + i + ", " + j + ")");
                assertEquals(want.get(i, j), got.get(i, j), "(" + i + ", " + j + ")");
            }
        }
        // the padding around the view is untouched (NaN stays NaN, nothing is written outside)
        double[] d = got.data();
        for (int p = 0; p < a.offset(); p++) {
            assertEquals(a.data()[p], d[p]);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> cols() {
        return Sizes.positiveUpTo(1100); // DenseMatrix.copy() rejects 0 columns
    }

    @Property(tries = 6)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 17, max = 19) int logN,
                                            @ForAll @IntRange(min = 1, max = 70) int cols, @ForAll long seed) {
        double[] x = RandomData.vector(seed, 1 << logN);
        DenseMatrix a = RandomData.matrix(seed + 1, 1 << 12, cols, 0, 0);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            double[] x1 = x.clone(), x2 = x.clone(), x3 = x.clone();
            Fwht.of(tier(), one).transform(x1);
            Fwht.of(tier(), two).transform(x2);
            Fwht.of(tier(), three).transform(x3);
            assertArrayEquals(x1, x2);
            assertArrayEquals(x1, x3);
            DenseMatrix a1 = a.copy(), a2 = a.copy();
            Fwht.of(tier(), one).transformRows(a1);
            Fwht.of(tier(), three).transformRows(a2);
            assertArrayEquals(a1.data(), a2.data());
        }
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        double[] x = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> k().transform(x));
        assertThrows(IllegalArgumentException.class, () -> k().transform(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> k().transform(null));
        assertThrows(IllegalArgumentException.class, () -> k().transform(x, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> k().transform(x, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> k().transformRows(DenseMatrix.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> k().transformRows(DenseMatrix.zeros(0, 2)));
        assertThrows(IllegalArgumentException.class, () -> k().transformRows(null));
        assertArrayEquals(new double[] {1, 2, 3}, x);
        assertThrows(IllegalArgumentException.class, () -> Fwht.nextPowerOfTwo(0));
        assertEquals(1, Fwht.nextPowerOfTwo(1));
        assertEquals(1024, Fwht.nextPowerOfTwo(1000));
        assertEquals(1024, Fwht.nextPowerOfTwo(1024));
    }

    @Example
    void nonFiniteInputsPropagate() {
        double[] x = new double[16];
        x[5] = Double.NaN;
        k().transform(x);
        for (double v : x) {
            assertEquals(Double.NaN, v);
        }
    }
}
