package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.fwht.Fwht;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The cache-blocked, parallel FWHT driver shared by the scalar and SIMD tiers, which supply only the
 * butterfly kernels {@link #radix}, {@link #lowStages7} and {@link #lowStages8}.
 *
 * <p><b>Raw vectors.</b> A transform of n = 2ᵏ ≥ 8 elements
 * makes two kinds of pass. The first visits each contiguous block of 2¹⁶ doubles (512 KB,
 * L2-resident) once: its 2¹¹-element (16 KB, L1-resident) sub-blocks go through their first eleven
 * stages ({@link #lowStages7}: each 128-element span's three in-vector stages and then, while the
 * span is in L1, its next four as one radix-16 step across its sixteen vectors; then radix-16,
 * {@link #radix}: four stages per load and store), then the block's remaining five stages run as
 * radix-8 passes (eight rows a power
 * of two apart still fit the ways of one L1 set; sixteen would evict each other). The stages above
 * the block (h ≥ 2¹⁶) form a second pass, up to thirteen stages at a time: the vector is seen as
 * groups of 2^g rows of h elements, cut into slabs of at most 2²⁰ doubles (8 MB, kept in the
 * last-level cache; narrower when the executor's chunks for the size need more slabs, 2 MB for
 * 2²⁴) that go through all g stages in radix-16 steps before the next slab starts, so up to 2²⁹
 * elements cost about two passes over memory. Blocks and slabs are split over the
 * executor.
 *
 * <p><b>Rows.</b> {@link Fwht#transformRows} (and raw vectors below 8 elements) use one driver over
 * units: blocks of about {@value #BLOCK_ELEMENTS} doubles go through the stages inside them
 * (radix-16, or radix-8 once the rows combined are 4 KB or more apart), and the remaining stages are
 * radix-16 passes over the whole array, columns split over the executor.
 *
 * <p>Every element undergoes the same additions in the same order whatever the grouping of stages,
 * the blocking or the split, so results are bit-identical to {@code ReferenceFwht} for any thread count.
 */
public abstract class ButterflyFwht extends Fwht {

    /** Doubles per cache block (512 KB). */
    static final int BLOCK_ELEMENTS = 1 << 16;
    /** Elements a parallel chunk should at least hold. */
    static final long GRAIN_ELEMENTS = 1 << 15;
    static final int MAX_CHUNKS = 64;
    /** log₂ of the L1-resident sub-block whose stages a raw transform does first (16 KB). */
    static final int L1_LOG = 11;
    /** Radix (log₂) of a raw block's stages above the L1 sub-block: eight rows fit one L1 set's ways. */
    static final int L2_R = 3;
    /** log₂ of the contiguous block of a raw transform's first pass (512 KB, L2-resident). */
    static final int RAW_BLOCK_LOG = 16;
    /** log₂ of the elements of one slab of a high-stage pass (8 MB, last-level-cache-resident). */
    static final int SLAB_LOG = 20;
    /** Most high stages per pass over memory. */
    static final int HIGH_MAX_LOG = 13;

    protected ButterflyFwht(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected final void transformK(double[] x, int off, int len) {
        if (len < 8) {
            transformUnits(x, off, len, 1, 1);
        } else {
            transformRaw(x, off, len, RAW_BLOCK_LOG, L1_LOG, SLAB_LOG, HIGH_MAX_LOG);
        }
    }

    /**
     * A raw vector of n ≥ 8 elements: every contiguous block of 2^blockLog elements is transformed
     * through all its stages in one visit ({@link #rawBlock}, sub-blocks of 2^l1Log), then the
     * remaining stages are done by {@link #highPass} (slabs of 2^slabLog elements), up to highMaxLog
     * stages per pass over memory. The parameters change the schedule only, never a result bit; the
     * production values are the constants above (tests use small ones to reach every path).
     */
    public final void transformRaw(double[] x, int off, int n, int blockLog, int l1Log, int slabLog, int highMaxLog) {
        int logN = Integer.numberOfTrailingZeros(n);
        int logB = Math.min(logN, Math.max(3, blockLog));
        int nBlocks = n >>> logB;
        int chunks = Math.min(nBlocks, ParallelExecutor.chunksFor(n, GRAIN_ELEMENTS, MAX_CHUNKS));
        executor.forEachChunk(0, nBlocks, chunks, (c, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                rawBlock(x, off + (b << logB), logB, Math.max(3, l1Log));
            }
        });
        for (int s = logB; s < logN; ) {
            int g = Math.min(Math.max(1, highMaxLog), logN - s);
            highPass(x, off, n, s, g, slabLog);
            s += g;
        }
    }

    /**
     * Stages 0 … logB−1 of the 2^logB (≥ 8) elements at base: sub-blocks of 2^l1Log (≥ 8) elements
     * through their own stages (seven by {@link #lowStages7} when the sub-block holds 128 or more,
     * else three in registers; then radix-16), then the block's higher stages
     * in radix-2^{L2_R} passes (at most eight rows a power of two apart, so they fit the ways of one
     * L1 set).
     */
    private void rawBlock(double[] x, int base, int logB, int l1Log) {
        int logL1 = Math.min(l1Log, logB);
        int sub = 1 << logL1;
        int units = 1 << logB;
        for (int b = 0; b < units; b += sub) {
            int t0;
            if (logL1 >= 7) {
                lowStages7(x, base + b, sub);
                t0 = 7;
            } else {
                lowStages8(x, base + b, sub);
                t0 = 3;
            }
            for (int t = t0; t < logL1; t += 4) {
                int r = Math.min(4, logL1 - t);
                int h = 1 << t;
                int span = h << r;
                for (int g = 0; g < sub; g += span) {
                    radix(x, base + b + g, h, r, h);
                }
            }
        }
        for (int t = logL1; t < logB; t += L2_R) {
            int r = Math.min(L2_R, logB - t);
            int h = 1 << t;
            int span = h << r;
            for (int g = 0; g < units; g += span) {
                radix(x, base + g, h, r, h);
            }
        }
    }

    /**
     * Stages s … s+g−1 of a raw vector in one pass over memory. Viewed as groups of 2^g rows of
     * h = 2ˢ elements, each of these stages combines whole rows. The columns are cut into slabs of
     * w = 2^{slabLog − g} columns (at least 8, at most h, narrower when needed to give each of the
     * executor's chunks for this size a slab) by 2^g rows, and a slab goes through all g stages, in
     * radix-16 steps along its rows, before the next: the first step streams the slab from memory
     * (16 rows at a time, a pattern the hardware prefetchers follow), the later ones find it in the
     * last-level cache. Slabs are split over the executor; each element sees the same
     * additions in the same order as in any other schedule.
     */
    private void highPass(double[] x, int off, int n, int s, int g, int slabLog) {
        int h = 1 << s;
        int rows = 1 << g;
        int span = h << g;
        int groups = n / span;
        int width = Math.min(h, Math.max(8, (1 << slabLog) >>> g));
        int wanted = ParallelExecutor.chunksFor(n, GRAIN_ELEMENTS, MAX_CHUNKS);
        while (width > 8 && (long) groups * (h / width) < wanted) {
            width >>= 1; // enough slabs for every chunk
        }
        int w = width;
        int colBlocks = h / w;
        int tasks = groups * colBlocks;
        int chunks = Math.min(tasks, wanted);
        executor.forEachChunk(0, tasks, chunks, (c, t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int base = off + (t / colBlocks) * span + (t % colBlocks) * w;
                for (int tt = 0; tt < g; tt += 4) {
                    int r = Math.min(4, g - tt);
                    int hh = 1 << tt;
                    int sp = hh << r;
                    for (int gg = 0; gg < rows; gg += sp) {
                        for (int u = 0; u < hh; u++) {
                            radix(x, base + (gg + u) * h, hh * h, r, w);
                        }
                    }
                }
            }
        });
    }

    @Override
    protected final void transformRowsK(DenseMatrix a) {
        if (a.cols() == 0) {
            return;
        }
        transformUnits(a.data(), a.offset(), a.rows(), a.cols(), a.isPacked() ? a.cols() : a.ld());
    }

    /**
     * The shared driver: n units (n = 2ᵏ), unit i holding w doubles at off + i·ld, transformed as
     * one vector of units.
     */
    final void transformUnits(double[] x, int off, int n, int w, int ld) {
        if (n == 1) {
            return;
        }
        int logN = Integer.numberOfTrailingZeros(n);
        int blockUnits = (int) Math.min(n, Math.max(1, Integer.highestOneBit(Math.max(1, BLOCK_ELEMENTS / w))));
        int logB = Integer.numberOfTrailingZeros(blockUnits);
        int nBlocks = n / blockUnits;
        long total = (long) n * w;
        int chunks = Math.min(nBlocks, ParallelExecutor.chunksFor(total, GRAIN_ELEMENTS, MAX_CHUNKS));
        executor.forEachChunk(0, nBlocks, chunks, (c, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                blockStages(x, off + b * blockUnits * ld, blockUnits, logB, w, ld);
            }
        });
        for (int s = logB; s < logN; s += 4) {
            crossPass(x, off, n, w, ld, s, Math.min(4, logN - s), total);
        }
    }

    /** All stages s < logB of one block of units, sequentially. */
    private void blockStages(double[] x, int base, int units, int logB, int w, int ld) {
        int s = 0;
        if (w == 1 && ld == 1 && units >= 8) {
            lowStages8(x, base, units);
            s = 3;
        }
        while (s < logB) {
            int h = 1 << s;
            int r = Math.min((long) h * ld >= FAR_STRIDE ? FAR_R : 4, logB - s);
            int span = h << r;
            for (int g = 0; g < units; g += span) {
                unitsRadix(x, base + g * ld, h, r, w, ld, 0, h);
            }
            s += r;
        }
    }
    /**
     * Doubles (4 KB, the L1 set period) from which rows a power of two apart share L1 sets; at or
     * above this stride an in-block step combines at most {@value #FAR_R} stages (eight rows fit the
     * ways of one set, sixteen evict each other between the load and the store).
     */
    static final int FAR_STRIDE = 512;
    static final int FAR_R = 3;

    /** Radix-2^r butterflies of stages s … s+r−1 over the whole array, split over the executor. */
    private void crossPass(double[] x, int off, int n, int w, int ld, int s, int r, long total) {
        int h = 1 << s;
        int span = h << r;
        int groups = n / span;
        int chunks = ParallelExecutor.chunksFor(total, GRAIN_ELEMENTS, MAX_CHUNKS);
        int pieces = Math.max(1, Math.min(h, chunks / groups));
        executor.forEachChunk(0, groups * pieces, Math.min(chunks, groups * pieces), (c, t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int g = t / pieces;
                int p = t % pieces;
                int u0 = (int) ((long) h * p / pieces);
                int u1 = (int) ((long) h * (p + 1) / pieces);
                unitsRadix(x, off + g * span * ld, h, r, w, ld, u0, u1);
            }
        });
    }

    /**
     * Butterflies of stages s … s+r−1 (h = 2ˢ units apart) for the base units [u0, u1) of the group
     * starting at base. Packed units are contiguous, so the whole range is one kernel call.
     */
    private void unitsRadix(double[] x, int base, int h, int r, int w, int ld, int u0, int u1) {
        if (ld == w) {
            radix(x, base + u0 * w, h * w, r, (u1 - u0) * w);
        } else {
            for (int u = u0; u < u1; u++) {
                radix(x, base + u * ld, h * ld, r, w);
            }
        }
    }

    /**
     * For j in [0, len): the 2^r values v_q = x[base + q·stride + j] (q &lt; 2^r) are replaced by
     * H_{2^r}·v, computed as r radix-2 stages in order (pairs q, q + 2ᵗ for t = 0 … r−1), r in 1…4.
     */
    public abstract void radix(double[] x, int base, int stride, int r, int len);

    /**
     * H_128 on each of the len/128 consecutive spans of 128 elements at off (len a multiple of 128):
     * stages h = 1, 2, 4 inside 8-element spans, then h = 8 … 64 across them, in that order.
     */
    public abstract void lowStages7(double[] x, int off, int len);

    /** H_8 on each of the len/8 consecutive spans of 8 elements at off (len a multiple of 8). */
    public abstract void lowStages8(double[] x, int off, int len);
}
