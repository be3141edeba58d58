package akr.kernels.sketch;

import akr.kernels.Kernels;
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
    void spreadAddEqualsTheScatterOfItsUpdatesBitForBit(@ForAll @IntRange(min = 1, max = 40) int srcRows,
                                                        @ForAll @IntRange(min = 1, max = 40) int dstRows,
                                                        @ForAll @IntRange(min = 1, max = 9) int perRow,
                                                        @ForAll long seed, @ForAll @IntRange(max = 3) int padLd) {
        // widths past two chunks of eight vectors, so every column loop and tail runs
        int cols = Sizes.upTo(140).generator(1).next(new Random(seed)).value();
        Random r = new Random(seed);
        int count = srcRows * perRow;
        int[] src = new int[count];
        int[] dst = new int[count];
        double[] w = new double[count];
        for (int e = 0; e < count; e++) {
            src[e] = e / perRow;
            dst[e] = r.nextInt(dstRows); // repeats within a row allowed: they apply in order
            w[e] = r.nextInt(3) == 0 ? r.nextGaussian() : (r.nextBoolean() ? 1 : -1);
        }
        DenseMatrix a = RandomData.matrix(seed, srcRows, cols, 1, padLd);
        DenseMatrix want = RandomData.matrix(seed + 1, dstRows, cols, 3, padLd);
        DenseMatrix got = new DenseMatrix(want.data().clone(), want.offset(), dstRows, cols, want.ld());
        RowScatter.of(Tier.REFERENCE).scatterAdd(a, src, dst, w, count, want);
        RowScatter.of(tier()).spreadAdd(a, perRow, dst, w, got);
        assertArrayEquals(want.data(), got.data());
    }

    @Property(tries = 150)
    void countSketchAddEqualsTheScatterOfTheSketchsRowsBitForBit(@ForAll @IntRange(min = 1, max = 60) int rows,
                                                                 @ForAll @IntRange(min = 1, max = 40) int m,
                                                                 @ForAll @IntRange(max = 50) int firstRow,
                                                                 @ForAll long seed,
                                                                 @ForAll @IntRange(max = 3) int padLd) {
        int cols = Sizes.upTo(140).generator(1).next(new Random(seed)).value();
        CountSketch sketch = new CountSketch(m, firstRow + rows + 5, seed, Kernels.of(Tier.REFERENCE));
        int[] src = new int[rows];
        int[] dst = new int[rows];
        double[] w = new double[rows];
        for (int t = 0; t < rows; t++) {
            src[t] = t;
            dst[t] = sketch.bucket(firstRow + t);
            w[t] = sketch.sign(firstRow + t);
        }
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 1, padLd);
        DenseMatrix want = RandomData.matrix(seed + 1, m, cols, 3, padLd);
        DenseMatrix got = new DenseMatrix(want.data().clone(), want.offset(), m, cols, want.ld());
        RowScatter.of(Tier.REFERENCE).scatterAdd(a, src, dst, w, rows, want);
        RowScatter.of(tier()).countSketchAdd(a, sketch, firstRow, got);
        assertArrayEquals(want.data(), got.data());
    }

    @Example
    void badSpreadAndCountSketchArgumentsAreRejectedBeforeAnyWrite() {
        RowScatter k = RowScatter.of(tier());
        DenseMatrix a = DenseMatrix.zeros(3, 2);
        DenseMatrix d = DenseMatrix.wrap(new double[] {1, 2, 3, 4}, 2, 2);
        double[] w = {1, 1, 1, 1, 1, 1};
        assertThrows(IllegalArgumentException.class, () -> k.spreadAdd(a, 0, new int[] {0, 1, 0}, w, d));
        assertThrows(IllegalArgumentException.class, () -> k.spreadAdd(a, 2, new int[] {0, 1, 0}, w, d));
        assertThrows(IllegalArgumentException.class, () -> k.spreadAdd(a, 1, new int[] {0, 2, 0}, w, d));
        assertThrows(IllegalArgumentException.class, () -> k.spreadAdd(a, 1, new int[] {0, 1, 0}, w,
                DenseMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> k.spreadAdd(d, 1, new int[] {0, 1}, w, d));
        assertThrows(IllegalArgumentException.class, () -> k.spreadAdd(a, 1, new int[] {0, 1, 0}, null, d));
        CountSketch sketch = new CountSketch(2, 10, 1, Kernels.of(Tier.REFERENCE));
        assertThrows(IllegalArgumentException.class, () -> k.countSketchAdd(a, sketch, -1, d));
        assertThrows(IllegalArgumentException.class, () -> k.countSketchAdd(a, sketch, 8, d));
        assertThrows(IllegalArgumentException.class, () -> k.countSketchAdd(a, sketch, 0, DenseMatrix.zeros(3, 2)));
        assertThrows(IllegalArgumentException.class, () -> k.countSketchAdd(a, sketch, 0, DenseMatrix.zeros(2, 3)));
        assertThrows(IllegalArgumentException.class, () -> k.countSketchAdd(d, sketch, 0, d));
        assertThrows(IllegalArgumentException.class, () -> k.countSketchAdd(a, null, 0, d));
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
