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
 * <p><b>Right-hand sides.</b> Up to {@value #BATCH} of them per pass over H; within a part, each
 * block of about {@value #BLOCK_ELEMENTS} entries of H (L2-resident) serves the groups of
 * {@value SymmetricProduct#GROUP} right-hand sides one after the other, so H comes from memory once
 * per pass and from cache ⌈r/4⌉ times. More than {@value #BATCH} right-hand sides take several
 * passes, which bounds the partial vectors at P·{@value #BATCH}·n doubles.
 *
 * <p><b>Scratch.</b> The partial vectors live in one array reused across calls (it only grows); a
 * concurrent call that finds it taken allocates its own.
 */
public abstract class PartitionedSymmetricProduct extends SymmetricProduct {

    /** Entries of H a part should at least hold before it is worth a task and a partial vector. */
    static final long GRAIN_ELEMENTS = 1 << 16;
    /** Rows a part should at least have, so the partial vectors stay small against H. */
    static final int MIN_PART_ROWS = 32;
    /** Entries of H per row block that the groups of right-hand sides share while it is in L2. */
    static final long BLOCK_ELEMENTS = 1 << 14;
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
            base[p + 1] = base[p] + r * bounds[p + 1];
        }
        double[] acc = take(base[parts]);
        double[] l = h.data();
        double[] x = xt.data();
        executor.forEachChunk(0, parts, parts, (p, lo, hi) -> {
            int r0 = bounds[p];
            int r1 = bounds[p + 1];
            for (int k = 0; k < r; k++) {
                java.util.Arrays.fill(acc, base[p] + k * r1, base[p] + k * r1 + r0, 0.0);
            }
            for (int b0 = r0; b0 < r1; ) {
                int b1 = r <= GROUP ? r1 : blockEnd(b0, r1);
                for (int g0 = 0; g0 < r; g0 += GROUP) {
                    rows(l, b0, b1, Math.min(GROUP, r - g0), x, xt.index(g0, 0), xt.ld(), acc, base[p] + g0 * r1, r1);
                }
                b0 = b1;
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
                        System.arraycopy(acc, base[q] + k * bounds[q + 1] + from, y, yOff + from, to - from);
                    }
                }
                for (int q = 1; q < parts; q++) {
                    int to = Math.min(hi, bounds[q]);
                    int src = base[q] + k * bounds[q + 1];
                    for (int j = lo; j < to; j++) {
                        y[yOff + j] += acc[src + j];
                    }
                }
            }
        });
        give(acc);
    }

    /** The end of the row block starting at b0: at least one row, about {@value #BLOCK_ELEMENTS} entries. */
    private static int blockEnd(int b0, int r1) {
        long elements = 0;
        int i = b0;
        while (i < r1 && elements < BLOCK_ELEMENTS) {
            elements += i + 1;
            i++;
        }
        return i;
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
     * For g ≤ {@value SymmetricProduct#GROUP} right-hand sides k (x_k at {@code x[xOff + k·xLd …]},
     * partial a_k at {@code acc[accOff + k·accLd …]}) and rows i = i0 … i1−1 in order, with ξ = x_k[i]
     * and L_i the packed row i of H (from index i(i+1)/2 of {@code l}): a_k[j] += L_ij·ξ for j &lt; i,
     * and a_k[i] = Σ_{j&lt;i} L_ij·x_k[j] + L_ii·ξ (assigned: nothing has written a_k[i] yet). Each
     * chunk of L_i is loaded once for the g right-hand sides.
     */
    protected abstract void rows(double[] l, int i0, int i1, int g, double[] x, int xOff, int xLd,
                                 double[] acc, int accOff, int accLd);
}
