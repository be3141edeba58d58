package akr.kernels.sketch;

import akr.kernels.Kernels;
import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.fwht.Fwht;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every sketch kind must satisfy with the kernels of one tier; subclassed once per tier. */
abstract class SketchContract {

    abstract Tier tier();

    Sketch sketch(Sketch.Kind kind, int m, int n, long seed) {
        return Sketch.create(kind, m, n, seed, Kernels.of(tier()));
    }

    /** A valid m for the kind: at most n' for SRHT. */
    static int validM(Sketch.Kind kind, int m, int n) {
        return kind == Sketch.Kind.SRHT ? Math.min(m, Fwht.nextPowerOfTwo(n)) : m;
    }

    @Provide
    Arbitrary<Integer> cols() {
        return Sizes.upTo(40);
    }

    @Property(tries = 120)
    void applyMatchesTheDenseReference(@ForAll Sketch.Kind kind, @ForAll @IntRange(min = 1, max = 300) int n,
                                       @ForAll("cols") int d, @ForAll @IntRange(min = 1, max = 70) int m0,
                                       @ForAll @IntRange(max = 3) int padLd, @ForAll long seed) {
        int m = validM(kind, m0, n);
        Sketch s = sketch(kind, m, n, seed);
        DenseMatrix a = RandomData.matrix(seed, n, d, 2, padLd);
        DenseMatrix dense = s.toDense();
        DenseMatrix want = DenseMatrix.zeros(m, d);
        Gemm.of(Tier.REFERENCE).gemm(Op.N, Op.N, 1.0, dense, a, 0.0, want);
        DenseMatrix got = s.apply(a);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                double abs = 0;
                for (int r = 0; r < n; r++) {
                    abs += Math.abs(dense.get(i, r) * a.get(r, j));
                }
                assertEquals(want.get(i, j), got.get(i, j), 4 * gamma(n + 64) * abs,
                        kind + " (" + i + ", " + j + ") of " + m + "x" + d + " from n = " + n);
            }
        }
        // apply(b) is the one-column case
        double[] b = RandomData.vector(seed + 1, n);
        double[] sb = s.apply(b);
        double[] sbm = s.apply(DenseMatrix.wrap(b.clone(), n, 1)).data();
        assertArrayEquals(sbm, sb);
    }

    @Property(tries = 30)
    void streamingAccumulationEqualsOneShot(@ForAll Sketch.Kind kind,
                                            @ForAll @IntRange(min = 1, max = 40000) int n,
                                            @ForAll @IntRange(min = 1, max = 9) int d,
                                            @ForAll @IntRange(min = 1, max = 40) int m0, @ForAll long seed) {
        if (kind == Sketch.Kind.GAUSSIAN && n > 4000) {
            n = 1 + n % 4000; // the reference GEMM is slow
        }
        int m = validM(kind, m0, n);
        Sketch s = sketch(kind, m, n, seed);
        DenseMatrix a = RandomData.matrix(seed, n, d, 0, 1);
        DenseMatrix once = s.apply(a);
        Random rnd = new Random(seed);
        Accumulator acc = s.accumulator(d);
        int r = 0;
        while (r < n) {
            int len = Math.min(n - r, 1 + rnd.nextInt(rnd.nextBoolean() ? 7 : 3000));
            assertFalse(acc.isComplete());
            acc.accumulate(r, a.rows(r, len));
            r += len;
        }
        assertTrue(acc.isComplete());
        assertArrayEquals(once.data(), acc.result().data(), kind + " in order");
        // whole chunks in reverse order (the distributed case) give the same bits too
        Accumulator rev = s.accumulator(d);
        int cr = rev.chunkRows();
        for (int c0 = (n - 1) / cr * cr; c0 >= 0; c0 -= cr) {
            rev.accumulate(c0, a.rows(c0, Math.min(cr, n - c0)));
        }
        assertArrayEquals(once.data(), rev.result().data(), kind + " chunks reversed");
    }

    @Property(tries = 8)
    void resultsDoNotDependOnTheThreadCount(@ForAll Sketch.Kind kind,
                                            @ForAll @IntRange(min = 20000, max = 70000) int n,
                                            @ForAll @IntRange(min = 1, max = 20) int d, @ForAll long seed) {
        if (kind == Sketch.Kind.GAUSSIAN) {
            n = n / 20;
        }
        int m = validM(kind, 4 * d, n);
        DenseMatrix a = RandomData.matrix(seed, n, d, 0, 0);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            Sketch s = Sketch.create(kind, m, n, seed, Kernels.of(tier(), one));
            double[] r1 = s.apply(a).data();
            double[] r2 = s.using(Kernels.of(tier(), two)).apply(a).data();
            double[] r3 = s.using(Kernels.of(tier(), three)).apply(a).data();
            assertArrayEquals(r1, r2);
            assertArrayEquals(r1, r3);
        }
    }

    @Property(tries = 20)
    void fullSrhtIsAnIsometry(@ForAll @IntRange(max = 11) int logN, @ForAll("cols") int d, @ForAll long seed) {
        int n = 1 << logN;
        Sketch s = sketch(Sketch.Kind.SRHT, n, n, seed); // m = n' = n: S = H·D/√n is orthogonal
        DenseMatrix a = RandomData.matrix(seed, n, d, 0, 0);
        DenseMatrix sa = s.apply(a);
        for (int j = 0; j < d; j++) {
            double na = 0, ns = 0;
            for (int i = 0; i < n; i++) {
                na += a.get(i, j) * a.get(i, j);
                ns += sa.get(i, j) * sa.get(i, j);
            }
            assertEquals(na, ns, 8 * gamma(2 * n + logN) * na, "column " + j);
        }
    }

    /**
     * Sparse sign sketches of any sparsity, with blocks of equal power-of-two size (several
     * nonzeros drawn from one word, one or several words per column) and of unequal sizes: every
     * column has one ±1/√s in each block, and apply (a single chunk for n ≤ 16384) gives exactly
     * (1/√s)·(the signed sums of the rows of A in row order) built from {@link SparseSignSketch#column}.
     */
    @Property(tries = 60)
    void sparseSignOfAnySparsityMatchesItsColumnsBitForBit(@ForAll @IntRange(min = 1, max = 40) int s,
                                                           @ForAll @IntRange(max = 9) int logBlock,
                                                           @ForAll @IntRange(max = 300) int extra,
                                                           @ForAll boolean powerOfTwoBlocks,
                                                           @ForAll @IntRange(min = 1, max = 4000) int n,
                                                           @ForAll @IntRange(min = 1, max = 9) int d,
                                                           @ForAll long seed) {
        int m = powerOfTwoBlocks ? s << logBlock : s + extra;
        SparseSignSketch sk = new SparseSignSketch(m, n, s, seed, Kernels.of(tier()));
        DenseMatrix a = RandomData.matrix(seed, n, d, 0, 1);
        double[] sum = new double[m * d];
        int[] rows = new int[s];
        double[] signs = new double[s];
        for (int r = 0; r < n; r++) {
            sk.column(r, rows, signs);
            for (int q = 0; q < s; q++) {
                assertTrue(rows[q] >= (int) ((long) q * m / s) && rows[q] < (int) ((long) (q + 1) * m / s),
                        "column " + r + ": nonzero " + q + " in row " + rows[q] + ", outside its block (m = " + m + ")");
                assertTrue(signs[q] == 1.0 || signs[q] == -1.0);
                for (int j = 0; j < d; j++) {
                    sum[rows[q] * d + j] = Math.fma(signs[q], a.get(r, j), sum[rows[q] * d + j]);
                }
            }
        }
        DenseMatrix got = sk.apply(a);
        double scale = 1.0 / Math.sqrt(s);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(scale * sum[i * d + j], got.get(i, j), 0.0, "(" + i + ", " + j + "), m = " + m + ", s = " + s);
            }
        }
    }

    @Example
    void applyIntoABufferOverwritesIt() {
        for (Sketch.Kind kind : Sketch.Kind.values()) {
            Sketch s = sketch(kind, 16, 100, 7);
            DenseMatrix a = RandomData.matrix(3, 100, 5, 0, 0);
            double[] buf = new double[16 * 8 + 4];
            java.util.Arrays.fill(buf, Double.NaN);
            DenseMatrix out = new DenseMatrix(buf, 4, 16, 5, 8);
            s.apply(a, out);
            DenseMatrix want = s.apply(a);
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < 5; j++) {
                    assertEquals(want.get(i, j), out.get(i, j), kind.toString());
                }
            }
            double[] y = new double[20];
            s.apply(RandomData.vector(1, 100), y, 3);
            assertArrayEquals(java.util.Arrays.copyOfRange(y, 3, 19), s.apply(RandomData.vector(1, 100)));
        }
    }

    @Example
    void nonFiniteEntriesPropagateToTheSketch() {
        for (Sketch.Kind kind : Sketch.Kind.values()) {
            Sketch s = sketch(kind, 32, 500, 11);
            DenseMatrix a = RandomData.matrix(5, 500, 4, 0, 0);
            a.set(321, 2, Double.NaN);
            DenseMatrix sa = s.apply(a);
            int bad = 0;
            for (int i = 0; i < 32; i++) {
                if (!Double.isFinite(sa.get(i, 2))) {
                    bad++;
                }
                assertTrue(Double.isFinite(sa.get(i, 1)), kind + ": other columns stay finite");
            }
            int expected = switch (kind) {
                case COUNT_SKETCH -> 1;
                case SPARSE_SIGN -> 8;
                default -> 32;
            };
            assertEquals(expected, bad, kind.toString());
        }
    }

    @Example
    void badArgumentsAreRejected() {
        List<Runnable> bad = new ArrayList<>();
        bad.add(() -> sketch(Sketch.Kind.SRHT, 17, 16, 1));   // m > n'
        bad.add(() -> sketch(Sketch.Kind.SRHT, 0, 16, 1));
        bad.add(() -> sketch(Sketch.Kind.COUNT_SKETCH, 0, 16, 1));
        bad.add(() -> sketch(Sketch.Kind.GAUSSIAN, 4, 0, 1));
        bad.add(() -> new SparseSignSketch(4, 10, 5, 1, Kernels.of(tier())));
        bad.add(() -> new SparseSignSketch(4, 10, 0, 1, Kernels.of(tier())));
        for (Runnable r : bad) {
            assertThrows(IllegalArgumentException.class, r::run);
        }
        for (Sketch.Kind kind : Sketch.Kind.values()) {
            Sketch s = sketch(kind, 4, 20, 1);
            DenseMatrix a = DenseMatrix.zeros(20, 3);
            assertThrows(IllegalArgumentException.class, () -> s.apply(DenseMatrix.zeros(19, 3)));
            assertThrows(IllegalArgumentException.class, () -> s.apply(new double[21]));
            assertThrows(IllegalArgumentException.class, () -> s.apply(a, DenseMatrix.zeros(4, 2)));
            assertThrows(IllegalArgumentException.class, () -> s.apply(a, DenseMatrix.zeros(5, 3)));
            assertThrows(IllegalArgumentException.class, () -> s.apply(new double[20], new double[5], 2));
            DenseMatrix alias = DenseMatrix.wrap(a.data(), 4, 3);
            assertThrows(IllegalArgumentException.class, () -> s.apply(a, alias));
            Accumulator acc = s.accumulator(3);
            assertThrows(IllegalArgumentException.class, () -> acc.accumulate(0, DenseMatrix.zeros(5, 2)));
            assertThrows(IllegalArgumentException.class, () -> acc.accumulate(18, DenseMatrix.zeros(5, 3)));
            assertThrows(IllegalArgumentException.class, () -> acc.accumulate(-1, DenseMatrix.zeros(5, 3)));
            acc.accumulate(0, DenseMatrix.zeros(5, 3));
            assertThrows(IllegalArgumentException.class, () -> acc.accumulate(3, DenseMatrix.zeros(5, 3)));
            assertThrows(IllegalArgumentException.class, () -> acc.accumulate(6, DenseMatrix.zeros(5, 3)));
            assertThrows(IllegalStateException.class, acc::result);
            acc.accumulate(5, DenseMatrix.zeros(15, 3));
            assertArrayEquals(new double[12], acc.result().data());
        }
    }
}
