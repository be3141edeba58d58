package akr.kernels.sketch;

import akr.kernels.DenseMatrix;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What every tier of {@link RowScatter} must satisfy; subclassed once per tier. */
abstract class RowScatterContract {

    abstract Tier tier();

    @Property(tries = 150)
    void matchesTheReferenceBitForBit(@ForAll @IntRange(min = 1, max = 40) int srcRows,
                                      @ForAll @IntRange(min = 1, max = 40) int dstRows,
                                      @ForAll @IntRange(max = 300) int count, @ForAll long seed,
                                      @ForAll @IntRange(max = 3) int padLd) {
        int cols = Sizes.upTo(70).generator(1).next(new Random(seed)).value();
        Random r = new Random(seed);
        int[] src = new int[count];
        int[] dst = new int[count];
        double[] w = new double[count];
        for (int t = 0; t < count; t++) {
            src[t] = r.nextInt(srcRows);
            dst[t] = r.nextInt(dstRows);
            w[t] = r.nextInt(3) == 0 ? r.nextGaussian() : (r.nextBoolean() ? 1 : -1);
        }
        DenseMatrix a = RandomData.matrix(seed, srcRows, cols, 1, padLd);
        DenseMatrix want = RandomData.matrix(seed + 1, dstRows, cols, 3, padLd);
        DenseMatrix got = new DenseMatrix(want.data().clone(), want.offset(), dstRows, cols, want.ld());
        RowScatter.of(Tier.REFERENCE).scatterAdd(a, src, dst, w, count, want);
        RowScatter.of(tier()).scatterAdd(a, src, dst, w, count, got);
        assertArrayEquals(want.data(), got.data());
    }

    @Property(tries = 150)
    void gatherAddEqualsTheScatterOfTheSameUpdatesBitForBit(@ForAll @IntRange(min = 1, max = 40) int srcRows,
                                                            @ForAll @IntRange(min = 1, max = 40) int dstRows,
                                                            @ForAll @IntRange(max = 400) int count, @ForAll long seed,
                                                            @ForAll @IntRange(max = 3) int padLd) {
        int cols = Sizes.upTo(70).generator(1).next(new Random(seed)).value();
        Random r = new Random(seed);
        // updates in some order; gatherAdd takes them grouped by destination, stably
        int[] src = new int[count];
        int[] dst = new int[count];
        double[] w = new double[count];
        int[] start = new int[dstRows + 1];
        for (int t = 0; t < count; t++) {
            src[t] = r.nextInt(srcRows);
            dst[t] = r.nextInt(dstRows);
            w[t] = r.nextInt(3) == 0 ? r.nextGaussian() : (r.nextBoolean() ? 1 : -1);
            start[dst[t] + 1]++;
        }
        for (int i = 0; i < dstRows; i++) {
            start[i + 1] += start[i];
        }
        int[] fill = java.util.Arrays.copyOf(start, dstRows);
        int[] gSrc = new int[count];
        double[] gW = new double[count];
        for (int t = 0; t < count; t++) {
            int p = fill[dst[t]]++;
            gSrc[p] = src[t];
            gW[p] = w[t];
        }
        DenseMatrix a = RandomData.matrix(seed, srcRows, cols, 1, padLd);
        DenseMatrix want = RandomData.matrix(seed + 1, dstRows, cols, 3, padLd);
        DenseMatrix got = new DenseMatrix(want.data().clone(), want.offset(), dstRows, cols, want.ld());
        RowScatter.of(Tier.REFERENCE).scatterAdd(a, src, dst, w, count, want);
        RowScatter.of(tier()).gatherAdd(a, gSrc, gW, start, got);
        assertArrayEquals(want.data(), got.data());
    }

    @Example
    void badGatherArgumentsAreRejectedBeforeAnyWrite() {
        RowScatter k = RowScatter.of(tier());
        DenseMatrix a = DenseMatrix.zeros(3, 2);
        DenseMatrix d = DenseMatrix.wrap(new double[] {1, 2, 3, 4}, 2, 2);
        double[] w = {1, 1};
        int[] src = {0, 2};
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, src, w, new int[] {0, 1}, d));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, src, w, new int[] {0, 2, 1}, d));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, src, w, new int[] {-1, 0, 2}, d));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, src, w, new int[] {0, 1, 3}, d));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, new int[] {0, 3}, w, new int[] {0, 1, 2}, d));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, src, w, new int[] {0, 1, 2},
                DenseMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(d, new int[] {0, 1}, w, new int[] {0, 1, 2}, d));
        assertThrows(IllegalArgumentException.class, () -> k.gatherAdd(a, src, null, new int[] {0, 1, 2}, d));
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.data());
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        RowScatter k = RowScatter.of(tier());
        DenseMatrix a = DenseMatrix.zeros(3, 2);
        DenseMatrix d = DenseMatrix.wrap(new double[] {1, 2, 3, 4}, 2, 2);
        double[] w = {1, 1};
        assertThrows(IllegalArgumentException.class, () -> k.scatterAdd(a, new int[] {0, 3}, new int[] {0, 1}, w, 2, d));
        assertThrows(IllegalArgumentException.class, () -> k.scatterAdd(a, new int[] {0, 1}, new int[] {0, 2}, w, 2, d));
        assertThrows(IllegalArgumentException.class, () -> k.scatterAdd(a, new int[] {0}, new int[] {0, 1}, w, 2, d));
        assertThrows(IllegalArgumentException.class, () -> k.scatterAdd(a, new int[] {0, 1}, new int[] {0, 1}, w, 2,
                DenseMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> k.scatterAdd(d, new int[] {0, 1}, new int[] {0, 1}, w, 2, d));
        assertThrows(IllegalArgumentException.class, () -> k.scatterAdd(a, null, new int[] {0, 1}, w, 2, d));
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.data());
    }
}
