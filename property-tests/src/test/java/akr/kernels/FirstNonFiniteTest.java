package akr.kernels;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@link DenseMatrix#firstNonFinite()} against a plain row-major search, across its row blocks. */
class FirstNonFiniteTest {

    @Provide
    Arbitrary<Double> nonFinite() {
        return Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private static int[] naive(DenseMatrix m) {
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                if (!Double.isFinite(m.get(i, j))) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    @Property(tries = 200)
    void findsTheFirstNonFiniteEntryInRowMajorOrder(@ForAll("rows") int rows, @ForAll("cols") int cols,
                                                    @ForAll @IntRange(max = 3) int bad,
                                                    @ForAll("nonFinite") double value,
                                                    @ForAll @IntRange(max = 7) int offset,
                                                    @ForAll @IntRange(max = 3) int padLd, @ForAll long seed) {
        rows = Math.min(rows, 300_000 / Math.max(1, cols)); // large row counts with narrow rows only
        DenseMatrix m = RandomData.matrix(seed, rows, cols, offset, padLd);
        // entries outside the view (padding) must not count
        if (padLd > 0 && rows > 0) {
            m.data()[m.index(0, 0) + cols] = Double.NaN;
        }
        java.util.Random r = new java.util.Random(seed);
        for (int k = 0; k < bad && rows > 0 && cols > 0; k++) {
            m.set(r.nextInt(rows), r.nextInt(cols), value);
        }
        // huge finite values must not count: x − x is 0 for them
        if (rows > 0 && cols > 0) {
            m.set(r.nextInt(rows), r.nextInt(cols), Double.MAX_VALUE);
        }
        assertArrayEquals(naive(m), m.firstNonFinite());
        if (bad == 0) {
            assertNull(m.firstNonFinite());
        }
    }

    @Provide
    Arbitrary<Integer> rows() {
        return Arbitraries.oneOf(Sizes.upTo(70), Arbitraries.integers().between(4000, 9000));
    }

    @Provide
    Arbitrary<Integer> cols() {
        return Arbitraries.oneOf(Sizes.upTo(70), Arbitraries.of(1, 3, 4, 5, 4095, 4096, 4097));
    }
}
