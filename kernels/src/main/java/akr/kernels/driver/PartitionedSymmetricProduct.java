package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.packed.PackedSymmetric;
import akr.kernels.packed.SymmetricProduct;
import akr.kernels.parallel.ParallelExecutor;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The parallel {@link SymmetricProduct} driver shared by the scalar and SIMD tiers, which supply only
 * the row kernel {@link #rows}.
 *
 * <p><b>Decomposition.</b> The rows are split into {@link #partBounds parts} of roughly equal
 * triangle area (boundaries n·√(p/P)); P ≤ {@value SymmetricProduct#MAX_PARTS} depends only on n.
 * Part p, rows [b_p, b_{p+1}), writes H·x restricted to its rows into its own partial vector of
 * length b_{p+1} per right-hand side (updates only reach indices below the part's last row). Parts
 * run as tasks on the executor. The final sum y_j = Σ_{p ≥ part(j)} partial_p[j], in increasing p, is
 * split over ranges of j. Nothing depends on the thread count.
 *
 * <p><b>Blocking.</b> Within a part, rows go in blocks of {@value #BLOCK_ROWS} and each block in
 * tiles of {@value #TILE} columns; a tile serves the groups of {@value SymmetricProduct#GROUP}
 * right-hand sides one after the other while it is in L2, and each group's slices of x and of its
 * partials stay in cache across the block's rows. A row's dot is summed tile by tile into a small
 * buffer and the diagonal term added last. Up to {@value #BATCH} right-hand sides share one pass
 * over H, which therefore comes from memory once per pass and from cache ⌈r/4⌉ times; more take
 * several passes, which bounds the partial vectors at P·{@value #BATCH}·n doubles.
 *
 * <p><b>Scratch.</b> The partial vectors live in one array reused across calls (it only grows); a
 * concurrent call that finds it taken allocates its own.
 */
public abstract class PartitionedSymmetricProduct extends SymmetricProduct {

    /** Entries of H a part should at least hold before it is worth a task and a partial vector. */
    static final long GRAIN_ELEMENTS = 1 << 16;
    /** Rows a part should at least have, so the partial vectors stay small against H. */
    static final int MIN_PART_ROWS = 32;
    /** Rows per block: a block's tile of H ({@value #BLOCK_ROWS}×{@value #TILE} doubles, 128 KiB) stays in L2. */
    public static final int BLOCK_ROWS = 16;
    /** Columns per tile: a group's slices of x and of the partials (64 KiB for four) stay in cache across the rows. */
    static final int TILE = 1024;
    /** Right-hand sides per pass over H. */
    public static final int BATCH = 16;

    private final AtomicReference<double[]> scratch = new AtomicReference<>();

    protected PartitionedSymmetricProduct(ParallelExecutor executor) {
        super(executor);
    }

    /**
     * The row boundaries 0 = b_0 &lt; b_1 &lt; … &lt; b_P = n of the parts of an order-n product:
     * P = min({@value SymmetricProduct#MAX_PARTS}, ⌈n(n+1)/2 / 2¹⁶⌉, ⌊n / 32⌋) (at least 1), and
     * b_p = round(n·√(p/P)), so the parts hold roughly equal areas of the triangle.
     */
    public static int[] partBounds(int n) {
        int parts = ParallelExecutor.chunksFor(PackedSymmetric.packedLength(n), GRAIN_ELEMENTS, MAX_PARTS);
        parts = Math.max(1, Math.min(parts, n / MIN_PART_ROWS));
        int[] b = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            b[p] = Math.max(b[p - 1] + 1, (int) Math.round(n * Math.sqrt((double) p / parts)));
        }
        b[parts] = n;
        return b;
    }

    @Override
    protected final void multiplyK(PackedSymmetric h, DenseMatrix xt, DenseMatrix yt) {
        int r = xt.rows();
        for (int c0 = 0; c0 < r; c0 += BATCH) {
            int nb = Math.min(BATCH, r - c0);
            pass(h, xt.rows(c0, nb), yt.rows(c0, nb));
        }
    }

    /** One pass over H for r ≤ {@value #BATCH} right-hand sides. */
    private void pass(PackedSymmetric h, DenseMatrix xt, DenseMatrix yt) {
        int n = h.n();
        int r = xt.rows();
        int[] bounds = partBounds(n);
        int parts = bounds.length - 1;
        int[] base = new int[parts + 1];
        for (int p = 0; p < parts; p++) {
            base[p + 1] = base[p] + r * stride(bounds[p + 1]);
        }
        double[] acc = take(base[parts]);
        double[] l = h.data();
        executor.forEachChunk(0, parts, parts, (p, lo, hi) -> {
            int r1 = bounds[p + 1];
            int ld = stride(r1);
            java.util.Arrays.fill(acc, base[p], base[p] + r * ld, 0.0);
            double[] dots = new double[BLOCK_ROWS * r];
            for (int b0 = bounds[p]; b0 < r1; b0 += BLOCK_ROWS) {
                block(l, b0, Math.min(r1, b0 + BLOCK_ROWS), r, xt, acc, base[p], ld, dots);
            }
        });
        int chunks = ParallelExecutor.chunksFor((long) n * r * parts, GRAIN_ELEMENTS, 4 * MAX_PARTS);
        double[] y = yt.data();
        executor.forEachChunk(0, n, chunks, (c, lo, hi) -> {
            for (int k = 0; k < r; k++) {
                int yOff = yt.index(k, 0);
                // each j first takes its own part's partial, then adds the later parts' in order
                for (int q = 0; q < parts; q++) {
                    int from = Math.max(lo, bounds[q]);
                    int to = Math.min(hi, bounds[q + 1]);
                    if (from < to) {
                        System.arraycopy(acc, base[q] + k * stride(bounds[q + 1]) + from, y, yOff + from, to - from);
                    }
                }
                for (int q = 1; q < parts; q++) {
                    int to = Math.min(hi, bounds[q]);
                    int src = base[q] + k * stride(bounds[q + 1]);
                    for (int j = lo; j < to; j++) {
                        y[yOff + j] += acc[src + j];
                    }
                }
            }
        });
        give(acc);
    }

    /**
     * The distance between the partial vectors of a part's right-hand sides: at least {@code len},
     * and 1088 bytes past a multiple of 4 KiB, so the stores into one partial and the loads from the
     * next do not alias in the low 12 address bits (which stalls loads behind unrelated stores).
     */
    static int stride(int len) {
        return len + Math.floorMod(136 - len, 512);
    }

    /**
     * Rows [b0, b1) of H for all r right-hand sides: tile by tile of {@value #TILE} columns, each
     * group of right-hand sides in turn (the tile of H stays in L2, the group's slices of x and of
     * the partials in L1/L2 across the rows), then the diagonal.
     */
    private void block(double[] l, int b0, int b1, int r, DenseMatrix xt, double[] acc, int accBase, int accLd,
                       double[] dots) {
        java.util.Arrays.fill(dots, 0.0);
        double[] x = xt.data();
        for (int j0 = 0; j0 < b1 - 1; j0 += TILE) {
            for (int g0 = 0; g0 < r; g0 += GROUP) {
                tile(l, Math.max(b0, j0 + 1), b1, b0, j0, j0 + TILE, Math.min(GROUP, r - g0), x, xt.index(g0, 0),
                        xt.ld(), acc, accBase + g0 * accLd, accLd, dots, g0 * BLOCK_ROWS);
            }
        }
        for (int k = 0; k < r; k++) {
            int xo = xt.index(k, 0);
            int ao = accBase + k * accLd;
            for (int i = b0; i < b1; i++) {
                int d = k * BLOCK_ROWS + i - b0;
                acc[ao + i] += Math.fma(l[(int) ((long) i * (i + 1) / 2) + i], x[xo + i], dots[d]);
            }
        }
    }

    private double[] take(int length) {
        double[] a = scratch.getAndSet(null);
        return a != null && a.length >= length ? a : new double[length];
    }

    private void give(double[] a) {
        double[] held = scratch.get();
        if (held == null || held.length < a.length) {
            scratch.compareAndSet(held, a);
        }
    }

    /**
     * One tile: for g ≤ {@value SymmetricProduct#GROUP} right-hand sides k (x_k at
     * {@code x[xOff + k·xLd …]}, partial a_k at {@code acc[accOff + k·accLd …]}), rows i = i0 … i1−1 in
     * order and the columns j0 ≤ j &lt; min(j1, i) of the packed row L_i (from index i(i+1)/2 of
     * {@code l}): a_k[j] += L_ij·x_k[i], and the tile's part of the dot, Σ_j L_ij·x_k[j], added once to
     * {@code dots[dOff + k·}{@value #BLOCK_ROWS}{@code  + i − b0]}. Each chunk of L_i is loaded once for
     * the g right-hand sides.
     */
    protected abstract void tile(double[] l, int i0, int i1, int b0, int j0, int j1, int g, double[] x, int xOff,
                                 int xLd, double[] acc, int accOff, int accLd, double[] dots, int dOff);
}
