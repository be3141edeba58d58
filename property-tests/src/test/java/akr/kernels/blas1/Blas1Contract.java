package akr.kernels.blas1;

import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;

import static akr.kernels.TestTiers.U;
import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tier of {@link Blas1} must satisfy; subclassed once per tier. */
abstract class Blas1Contract {

    private final Blas1 ref = Blas1.of(Tier.REFERENCE);

    abstract Tier tier();

    Blas1 k() {
        return Blas1.of(tier());
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Sizes.upTo(3000);
    }

    @Property(tries = 200)
    void dotMatchesReference(@ForAll("sizes") int n, @ForAll @IntRange(min = 1, max = 3) int incX,
                             @ForAll @IntRange(min = 1, max = 3) int incY, @ForAll @IntRange(max = 5) int off,
                             @ForAll long seed) {
        double[] x = RandomData.vector(seed, off + n * incX);
        double[] y = RandomData.vector(seed + 1, off + n * incY + 1);
        double got = k().dot(n, x, off, incX, y, 1, incY);
        double want = ref.dot(n, x, off, incX, y, 1, incY);
        double absSum = 0;
        for (int i = 0; i < n; i++) {
            absSum += Math.abs(x[off + i * incX] * y[1 + i * incY]);
        }
        assertEquals(want, got, 2 * gamma(n) * absSum, "n=" + n);
    }

    @Property(tries = 200)
    void axpyMatchesReference(@ForAll("sizes") int n, @ForAll @IntRange(min = 1, max = 3) int inc,
                              @ForAll double alpha, @ForAll long seed) {
        if (!Double.isFinite(alpha)) {
            return;
        }
        double a = alpha % 8;
        double[] x = RandomData.vector(seed, n * inc);
        double[] y = RandomData.vector(seed + 1, n * inc);
        double[] want = y.clone();
        ref.axpy(n, a, x, 0, inc, want, 0, inc);
        k().axpy(n, a, x, 0, inc, y, 0, inc);
        for (int i = 0; i < y.length; i++) {
            double tol = 2 * U * (Math.abs(a * x[i]) + Math.abs(want[i]));
            assertEquals(want[i], y[i], tol, "i=" + i);
        }
    }

    @Property(tries = 100)
    void scalIsExactAndZeroClearsNaN(@ForAll("sizes") int n, @ForAll @IntRange(min = 1, max = 2) int inc,
                                     @ForAll long seed) {
        double[] x = RandomData.vector(seed, n * inc);
        double[] y = x.clone();
        k().scal(n, 0.75, y, 0, inc);
        for (int i = 0; i < n; i++) {
            assertEquals(0.75 * x[i * inc], y[i * inc]);
        }
        Arrays.fill(y, Double.NaN);
        k().scal(n, 0.0, y, 0, inc);
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, y[i * inc]);
        }
    }

    @Property(tries = 200)
    void nrm2MatchesReferenceAtEveryScale(@ForAll("sizes") int n, @ForAll @IntRange(min = 1, max = 2) int inc,
                                          @ForAll @IntRange(min = -1070, max = 1015) int exponent,
                                          @ForAll long seed) {
        double[] x = RandomData.vector(seed, n * inc);
        double s = Math.scalb(1.0, exponent);
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
        double want = ref.nrm2(n, x, 0, inc);
        double got = k().nrm2(n, x, 0, inc);
        assertTrue(Double.isFinite(got), "nrm2 overflowed/underflowed to " + got);
        // When some entries are subnormal, scaling lost their low bits; allow their absolute size.
        double tol = (n + 4) * 2 * U * want + 0x1.0p-1074 * n;
        assertEquals(want, got, tol, "n=" + n + " exponent=" + exponent);
    }

    @Property(tries = 100)
    void nrm2SquaredIsDotWithItself(@ForAll("sizes") int n, @ForAll long seed) {
        double[] x = RandomData.vector(seed, n);
        double nrm = k().nrm2(x);
        assertEquals(k().dot(x, x), nrm * nrm, 4 * gamma(n) * nrm * nrm + Double.MIN_NORMAL);
    }

    @Example
    void nrm2OfHugeAndTinyValuesIsExactWhereRepresentable() {
        double big = 0x1.0p1000;
        assertEquals(Math.sqrt(2) * big, k().nrm2(new double[] {big, big}), 2 * U * Math.sqrt(2) * big);
        double tiny = 0x1.0p-1060;
        assertEquals(5 * tiny, k().nrm2(new double[] {3 * tiny, 4 * tiny}), 0);
        assertEquals(0.0, k().nrm2(new double[7]));
        assertEquals(0.0, k().nrm2(new double[0]));
    }

    @Example
    void nrm2PropagatesNaNAndInfinity() {
        for (int n : new int[] {1, 3, 8, 17, 64}) {
            double[] x = RandomData.vector(n, n);
            x[n / 2] = Double.POSITIVE_INFINITY;
            assertEquals(Double.POSITIVE_INFINITY, k().nrm2(x));
            x[n - 1] = Double.NaN;
            assertTrue(Double.isNaN(k().nrm2(x)), "n=" + n);
        }
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        double[] x = {1, 2, 3};
        double[] y = {4, 5, 6};
        assertThrows(IllegalArgumentException.class, () -> k().dot(4, x, 0, 1, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> k().dot(-1, x, 0, 1, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> k().dot(2, x, 0, 0, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> k().dot(2, null, 0, 1, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> k().dot(new double[2], y));
        assertThrows(IllegalArgumentException.class, () -> k().axpy(2, 1.0, x, 0, 3, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> k().scal(1, 2.0, x, 3, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k().axpy(2, 1.0, y, 0, 1, y, 1, 1));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        assertArrayEquals(new double[] {4, 5, 6}, y);
        assertArrayEquals(new double[] {1, 2, 3}, x);
    }

    @Example
    void axpyOnIdenticalVectorsDoubles() {
        double[] y = {1, 2, 3};
        k().axpy(3, 1.0, y, 0, 1, y, 0, 1);
        assertArrayEquals(new double[] {2, 4, 6}, y);
    }
}
