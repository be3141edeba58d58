package akr.kernels.gemm;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.RandomData;
import akr.kernels.Sizes;
import akr.kernels.Tier;
import akr.kernels.driver.BlockedGemm;
import akr.kernels.driver.GemmBlocking;
import akr.kernels.parallel.ParallelExecutor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static akr.kernels.TestTiers.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every tier of {@link Gemm} (gemm and syrk) must satisfy; subclassed once per tier. */
abstract class GemmContract {

    private final Gemm ref = Gemm.of(Tier.REFERENCE);

    abstract Tier tier();

    Gemm k() {
        return Gemm.of(tier());
    }

    /**
     * The tier with tiny cache blocks (kc, mc, nc of a few micro-panels), so that small shapes cross
     * several kc, mc and nc block edges; the reference tier has no blocks and is returned as is.
     */
    Gemm tinyBlocks(Gemm g, int kc, int mcPanels, int ncPanels) {
        if (g instanceof BlockedGemm bg) {
            GemmBlocking b = bg.blocking();
            return bg.withBlocking(b.withBlocks(kc, mcPanels * b.mr(), ncPanels * b.nr()));
        }
        return g;
    }

    @Provide
    Arbitrary<Integer> dims() {
        return Sizes.upTo(70);
    }

    @Provide
    Arbitrary<Double> scalars() {
        return Arbitraries.of(0.0, 1.0, -1.0, 0.5, -2.25, 3.0);
    }

    static double opGet(DenseMatrix x, Op op, int i, int j) {
        return op == Op.N ? x.get(i, j) : x.get(j, i);
    }

    /** A random operand of op-shape rows×cols with random offset and padding (padding holds NaN). */
    static DenseMatrix operand(long seed, Op op, int rows, int cols) {
        int offset = (int) Math.floorMod(seed, 7L);
        int pad = (int) Math.floorMod(seed >>> 8, 4L);
        return op == Op.N ? RandomData.matrix(seed, rows, cols, offset, pad)
                : RandomData.matrix(seed, cols, rows, offset, pad);
    }

    /** Checks got ≈ α·op(A)·op(B) + β·C0 elementwise within 2γ_{k+2}(|α||A||B| + |β C0|). */
    static void assertGemmClose(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta,
                                DenseMatrix c0, DenseMatrix want, DenseMatrix got, String what) {
        int k = opA.cols(a);
        for (int i = 0; i < got.rows(); i++) {
            for (int j = 0; j < got.cols(); j++) {
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    abs += Math.abs(opGet(a, opA, i, p) * opGet(b, opB, p, j));
                }
                double bound = 2 * gamma(k + 2) * (Math.abs(alpha) * abs + (beta == 0 ? 0 : Math.abs(beta * c0.get(i, j))));
                assertTrue(Double.isFinite(got.get(i, j)), what + ": non-finite at (" + i + ", " + j + ")");
                assertEquals(want.get(i, j), got.get(i, j), bound, what + " at (" + i + ", " + j + ")");
            }
        }
    }

    private void checkAgainstReference(Gemm g, Op opA, Op opB, int m, int n, int k, double alpha, double beta,
                                       long seed) {
        DenseMatrix a = operand(seed, opA, m, k);
        DenseMatrix b = operand(seed + 1, opB, k, n);
        DenseMatrix c0 = operand(seed + 2, Op.N, m, n);
        if (beta == 0) {
            c0.fill(Double.NaN); // β = 0 must overwrite NaN
        }
        DenseMatrix want = c0.copy();
        DenseMatrix got = c0.copy();
        ref.gemm(opA, opB, alpha, a, b, beta, want);
        g.gemm(opA, opB, alpha, a, b, beta, got);
        assertGemmClose(opA, opB, alpha, a, b, beta, c0, want, got,
                m + "x" + n + "x" + k + " " + opA + opB + " α=" + alpha + " β=" + beta);
    }

    @Property(tries = 250)
    void matchesReference(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k, @ForAll Op opA,
                          @ForAll Op opB, @ForAll("scalars") double alpha, @ForAll("scalars") double beta,
                          @ForAll long seed) {
        checkAgainstReference(k(), opA, opB, m, n, k, alpha, beta, seed);
    }

    @Property(tries = 150)
    void matchesReferenceAcrossManyCacheBlocks(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k,
                                               @ForAll Op opA, @ForAll Op opB, @ForAll("scalars") double alpha,
                                               @ForAll("scalars") double beta, @ForAll @IntRange(min = 1, max = 9) int kc,
                                               @ForAll @IntRange(min = 1, max = 3) int mcPanels,
                                               @ForAll @IntRange(min = 1, max = 3) int ncPanels, @ForAll long seed) {
        checkAgainstReference(tinyBlocks(k(), kc, mcPanels, ncPanels), opA, opB, m, n, k, alpha, beta, seed);
    }

    /** The probe check: C·t against α·op(A)·(op(B)·t) + β·C₀·t, no reference GEMM needed. */
    @Property(tries = 8)
    void probeVectorOnLargeShapes(@ForAll @IntRange(min = 200, max = 520) int m,
                                  @ForAll @IntRange(min = 200, max = 520) int n,
                                  @ForAll @IntRange(min = 100, max = 700) int k, @ForAll Op opA, @ForAll Op opB,
                                  @ForAll("scalars") double alpha, @ForAll("scalars") double beta, @ForAll long seed) {
        DenseMatrix a = operand(seed, opA, m, k);
        DenseMatrix b = operand(seed + 1, opB, k, n);
        DenseMatrix c0 = operand(seed + 2, Op.N, m, n);
        DenseMatrix c = c0.copy();
        k().gemm(opA, opB, alpha, a, b, beta, c);
        double[] t = RandomData.vector(seed + 3, n);
        double[] bt = new double[k];
        double[] btAbs = new double[k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bt[p] += opGet(b, opB, p, j) * t[j];
                btAbs[p] += Math.abs(opGet(b, opB, p, j) * t[j]);
            }
        }
        for (int i = 0; i < m; i++) {
            double want = 0, abs = 0, ct = 0, cAbs = 0;
            for (int p = 0; p < k; p++) {
                want += alpha * opGet(a, opA, i, p) * bt[p];
                abs += Math.abs(alpha * opGet(a, opA, i, p)) * btAbs[p];
            }
            for (int j = 0; j < n; j++) {
                want += beta * c0.get(i, j) * t[j];
                abs += Math.abs(beta * c0.get(i, j) * t[j]);
                ct += c.get(i, j) * t[j];
                cAbs += Math.abs(c.get(i, j) * t[j]);
            }
            double bound = 4 * gamma(k + n + 4) * (abs + cAbs);
            assertEquals(want, ct, bound, "row " + i + " of C·t for " + m + "x" + n + "x" + k + " " + opA + opB);
        }
    }

    @Property(tries = 40)
    void betaZeroOverwritesNaNAndInfinity(@ForAll("dims") int m, @ForAll("dims") int n, @ForAll("dims") int k,
                                          @ForAll long seed) {
        DenseMatrix a = operand(seed, Op.N, m, k);
        DenseMatrix b = operand(seed + 1, Op.N, k, n);
        DenseMatrix c = DenseMatrix.zeros(m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c.set(i, j, (i + j) % 2 == 0 ? Double.NaN : Double.NEGATIVE_INFINITY);
            }
        }
        k().gemm(Op.N, Op.N, 1.0, a, b, 0.0, c);
        assertEquals(null, c.firstNonFinite() == null ? null : java.util.Arrays.toString(c.firstNonFinite()));
        DenseMatrix g = DenseMatrix.zeros(n, n);
        g.fill(Double.NaN);
        k().syrk(Op.T, 1.0, b, 0.0, g);
        assertEquals(null, g.firstNonFinite() == null ? null : java.util.Arrays.toString(g.firstNonFinite()));
    }

    @Property(tries = 120)
    void syrkIsSymmetricAndMatchesReference(@ForAll("dims") int rows, @ForAll("dims") int cols, @ForAll Op op,
                                            @ForAll("scalars") double alpha, @ForAll("scalars") double beta,
                                            @ForAll boolean tinyBlocks, @ForAll long seed) {
        DenseMatrix a = operand(seed, Op.N, rows, cols);
        int d = op == Op.T ? cols : rows;
        int k = op == Op.T ? rows : cols;
        DenseMatrix c0 = RandomData.matrix(seed + 2, d, d, 3, 1);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                c0.set(i, j, c0.get(j, i));
            }
        }
        if (beta == 0) {
            c0.fill(Double.NaN);
        }
        DenseMatrix want = c0.copy();
        DenseMatrix got = c0.copy();
        Gemm g = tinyBlocks ? tinyBlocks(k(), 3, 2, 1) : k();
        ref.syrk(op, alpha, a, beta, want);
        g.syrk(op, alpha, a, beta, got);
        Op opA = op == Op.T ? Op.T : Op.N;
        Op opB = op == Op.T ? Op.N : Op.T;
        assertGemmClose(opA, opB, alpha, a, a, beta, c0, want, got, "syrk " + op + " " + rows + "x" + cols);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(got.get(j, i), got.get(i, j), "not symmetric at (" + i + ", " + j + ")");
            }
        }
        assertEquals(k, op == Op.T ? a.rows() : a.cols());
    }

    /** Tall A: the row-chunked path with partial Gram matrices, against AᵀA by GEMM. */
    @Property(tries = 6)
    void tallSyrkEqualsGemmOfTransposeAndA(@ForAll @IntRange(min = 4000, max = 30000) int rows,
                                           @ForAll @IntRange(min = 1, max = 70) int cols, @ForAll long seed) {
        DenseMatrix a = RandomData.matrix(seed, rows, cols, 1, 2);
        DenseMatrix s = k().gram(Op.T, a);
        DenseMatrix g = k().multiply(Op.T, a, Op.N, a);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < cols; j++) {
                double abs = 0;
                for (int r = 0; r < rows; r++) {
                    abs += Math.abs(a.get(r, i) * a.get(r, j));
                }
                assertEquals(g.get(i, j), s.get(i, j), 2 * gamma(rows + 2) * abs, "(" + i + ", " + j + ")");
                assertEquals(s.get(j, i), s.get(i, j));
            }
        }
    }

    /** Orders of AᵀA around the SYRK register tiles (6×16, 8×16, 4×4, 6×8) and the unpacked path's limit (128). */
    @Provide
    Arbitrary<Integer> syrkOrders() {
        return Arbitraries.oneOf(
                Arbitraries.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64,
                        65, 97, 127, 128, 129, 130),
                Arbitraries.integers().between(1, 130));
    }

    /**
     * AᵀA on the unpacked path up to its largest order and just past it (d up to 130), on views with
     * offset and padding, with row counts that end mid-slab ({@link GemmBlocking#syrkSlabRows} is 32–256
     * rows for these d) and α, β ≠ 1: against the reference within 2γ_{k+2}(|α||A|ᵀ|A| + |βC|).
     */
    @Property(tries = 40)
    void tallSyrkUpToTheUnpackedOrderMatchesReference(@ForAll("syrkOrders") int cols,
                                                      @ForAll @IntRange(min = 1, max = 700) int rows,
                                                      @ForAll("scalars") double alpha,
                                                      @ForAll("scalars") double beta, @ForAll long seed) {
        DenseMatrix a = operand(seed, Op.N, rows, cols);
        DenseMatrix c0 = RandomData.matrix(seed + 2, cols, cols, 0, 0);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                c0.set(i, j, c0.get(j, i));
            }
        }
        DenseMatrix want = c0.copy();
        DenseMatrix got = c0.copy();
        ref.syrk(Op.T, alpha, a, beta, want);
        k().syrk(Op.T, alpha, a, beta, got);
        assertGemmClose(Op.T, Op.N, alpha, a, a, beta, c0, want, got, "syrk T " + rows + "x" + cols);
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(got.get(j, i), got.get(i, j), "not symmetric at (" + i + ", " + j + ")");
            }
        }
    }

    /** The SYRK slab fills about L1 (32 KiB by default) with rows of d doubles, within [16, 256] rows. */
    @Property(tries = 40)
    void syrkSlabRowsFillL1WithinBounds(@ForAll @IntRange(min = 1, max = 4096) int d) {
        int rows = GemmBlocking.syrkSlabRows(d);
        assertTrue(rows >= 16 && rows <= 256 && rows % 8 == 0, d + ": " + rows);
        assertTrue(rows == 16 || (long) rows * d * 8 <= 32L << 10, d + ": " + rows + " rows exceed L1");
        assertTrue(rows == 256 || (long) (rows + 8) * d * 8 > 32L << 10, d + ": " + rows + " rows underfill L1");
        assertEquals(64, GemmBlocking.syrkSlabRows(64));
    }

    @Property(tries = 5)
    void resultsDoNotDependOnTheThreadCount(@ForAll @IntRange(min = 50, max = 300) int m,
                                            @ForAll @IntRange(min = 50, max = 300) int n,
                                            @ForAll @IntRange(min = 1, max = 300) int k, @ForAll Op opA,
                                            @ForAll Op opB, @ForAll long seed) {
        DenseMatrix a = operand(seed, opA, m, k);
        DenseMatrix b = operand(seed + 1, opB, k, n);
        DenseMatrix tall = RandomData.matrix(seed + 2, 20000 + m, 1 + n % 70, 0, 1);
        try (ParallelExecutor one = ParallelExecutor.create(1); ParallelExecutor two = ParallelExecutor.create(2);
             ParallelExecutor three = ParallelExecutor.create(3)) {
            DenseMatrix[] gemm = new DenseMatrix[3];
            DenseMatrix[] syrk = new DenseMatrix[3];
            ParallelExecutor[] ex = {one, two, three};
            for (int t = 0; t < 3; t++) {
                Gemm g = tinyBlocks(Gemm.of(tier(), ex[t]), 37, 3, 2);
                gemm[t] = g.multiply(opA, a, opB, b);
                syrk[t] = Gemm.of(tier(), ex[t]).gram(Op.T, tall);
            }
            for (int t = 1; t < 3; t++) {
                assertArrayEquals(gemm[0].data(), gemm[t].data(), "gemm with " + (t + 1) + " threads");
                assertArrayEquals(syrk[0].data(), syrk[t].data(), "syrk with " + (t + 1) + " threads");
            }
        }
    }

    @Example
    void sideBySideColumnBlocksOfOneMatrixMayBeCombined() {
        DenseMatrix x = RandomData.matrix(5, 6, 9, 0, 0);
        DenseMatrix left = x.cols(0, 3);
        DenseMatrix mid = x.cols(3, 3);
        DenseMatrix right = x.cols(6, 3);
        DenseMatrix want = ref.multiply(Op.N, left, Op.T, mid);
        // right ← left · midᵀ (6x3 · 3x6 would not fit; use a 3x3 product on the first rows)
        DenseMatrix out = right.rows(0, 3);
        DenseMatrix l3 = left.rows(3, 3);
        DenseMatrix m3 = mid.rows(3, 3);
        DenseMatrix w3 = ref.multiply(Op.N, l3, Op.N, m3);
        k().gemm(Op.N, Op.N, 1.0, l3, m3, 0.0, out);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(w3.get(i, j), out.get(i, j), 1e-14);
            }
        }
        assertEquals(6, want.rows());
        assertThrows(IllegalArgumentException.class, () -> k().gemm(Op.N, Op.N, 1.0, x.cols(0, 4).rows(0, 4),
                x.cols(2, 4).rows(0, 4), 0.0, x.cols(3, 4).rows(2, 4)));
    }

    @Example
    void badArgumentsAreRejectedBeforeAnyWrite() {
        DenseMatrix a = DenseMatrix.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        DenseMatrix c = DenseMatrix.wrap(new double[] {7, 8, 9, 10}, 2, 2);
        assertThrows(IllegalArgumentException.class, () -> k().gemm(Op.N, Op.N, 1, a, a, 0, c));
        assertThrows(IllegalArgumentException.class, () -> k().gemm(Op.N, Op.T, 1, a, a, 0, DenseMatrix.zeros(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> k().gemm(null, Op.T, 1, a, a, 0, c));
        assertThrows(IllegalArgumentException.class, () -> k().gemm(Op.N, Op.T, 1, a, null, 0, c));
        assertThrows(IllegalArgumentException.class, () -> k().gemm(Op.N, Op.T, 1, a, a, 0, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> k().gemm(Op.N, Op.T, 1, a, a, 0, a.view(0, 0, 2, 2)));
        assertTrue(e.getMessage().contains("overlaps"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> k().syrk(Op.T, 1, a, 0, c));
        assertThrows(IllegalArgumentException.class, () -> k().syrk(Op.N, 1, a, 0, a.view(0, 0, 2, 2)));
        assertThrows(IllegalArgumentException.class, () -> k().syrk(null, 1, a, 0, c));
        assertArrayEquals(new double[] {7, 8, 9, 10}, c.data());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
    }

    @Example
    void emptyShapesAreFine() {
        DenseMatrix a = DenseMatrix.zeros(3, 0);
        DenseMatrix c = DenseMatrix.wrap(new double[] {Double.NaN, 1, 2, 3, 4, 5, 6, 7, 8}, 3, 3);
        k().gemm(Op.N, Op.T, 2.0, a, a, 0.0, c);
        assertArrayEquals(new double[9], c.data());
        DenseMatrix c2 = DenseMatrix.wrap(new double[] {1, 2, 3, 4}, 2, 2);
        k().gemm(Op.N, Op.N, 2.0, DenseMatrix.zeros(2, 0), DenseMatrix.zeros(0, 2), 0.5, c2);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, c2.data());
        k().gemm(Op.N, Op.N, 1.0, DenseMatrix.zeros(0, 4), DenseMatrix.zeros(4, 0), 0.0, DenseMatrix.zeros(0, 0));
    }
}
