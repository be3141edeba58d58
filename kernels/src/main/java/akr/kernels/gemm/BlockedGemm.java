package akr.kernels.gemm;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The BLIS-style GEMM and SYRK driver shared by the scalar and SIMD tiers, which differ only in
 * {@link #microKernel}.
 *
 * <p><b>Layering</b> (block sizes from {@link GemmBlocking}):
 * <pre>
 * for jc in steps of nc over the columns of C            (kc×nc block of op(B) → L3)
 *   for pc in steps of kc over the summation index        (sequential: fixes the k order)
 *     pack op(B)[pc:pc+kc, jc:jc+nc] into nr-column micro-panels   (parallel over panels)
 *     parallel over tasks (ic block of mc rows) × (part of the nc columns):
 *       pack op(A)[ic:ic+mc, pc:pc+kc] into mr-row micro-panels    (per-thread buffer → L2)
 *       macro-kernel: for each nr micro-panel jr, for each mr micro-panel ir:
 *         micro-kernel: C[ir tile, jr tile] ← α·Â_ir·B̂_jr + β'·C   (β' = β at pc = 0, else 1)
 * </pre>
 * Packing buffers are thread-local and grow only, so steady-state calls allocate nothing.
 *
 * <p><b>Determinism.</b> Each element of C is owned by one task per (jc, pc) step, and the pc loop
 * is sequential, so the order in which its k products are summed depends only on the blocking,
 * never on the thread count: results are bit-identical for any number of threads.
 *
 * <p><b>Micro-kernel contract.</b> See {@link #microKernel}.
 */
public abstract class BlockedGemm extends Gemm {

    /** Tasks narrower than this many columns of C would pack their block of A too often. */
    private static final int MIN_TASK_COLUMNS = 1024;
    /** Elements of op(B) per packing chunk. */
    private static final long PACK_GRAIN = 1 << 15;
    /** Matrix elements a SYRK row chunk should at least hold. */
    private static final long SYRK_GRAIN = 1 << 16;
    /** Upper bound on SYRK row chunks, and on the elements of their partial Gram matrices. */
    private static final int SYRK_MAX_CHUNKS = 32;
    private static final long SYRK_MAX_PARTIAL_ELEMENTS = 1 << 22;

    /** Largest d for which AᵀA reads A unpacked ({@link #syrkTallDirect}). */
    private static final int SYRK_DIRECT_MAX_ORDER = 128;

    private static final ThreadLocal<double[]> PACKED_A = new ThreadLocal<>();
    private static final ThreadLocal<double[]> PACKED_B = new ThreadLocal<>();
    private static final ThreadLocal<double[]> EDGE_TILE = new ThreadLocal<>();

    /** Block sizes; {@code mr} and {@code nr} are those of this tier's micro-kernel. */
    protected final GemmBlocking blocking;

    protected BlockedGemm(ParallelExecutor executor, GemmBlocking blocking) {
        super(executor);
        this.blocking = blocking;
    }

    /** The block sizes in use. */
    public GemmBlocking blocking() {
        return blocking;
    }

    /**
     * The same tier with other cache blocks (kc, mc, nc); the register tile (mr, nr) is the
     * micro-kernel's and must stay.
     *
     * @throws IllegalArgumentException if {@code b} has another mr or nr
     */
    public abstract BlockedGemm withBlocking(GemmBlocking b);

    /** Checks that {@code b} keeps this tier's register tile. */
    protected final GemmBlocking sameTile(GemmBlocking b) {
        if (b == null || b.mr() != blocking.mr() || b.nr() != blocking.nr()) {
            throw new IllegalArgumentException("blocking: " + b + " must keep mr=" + blocking.mr() + ", nr="
                    + blocking.nr());
        }
        return b;
    }

    /**
     * The micro-kernel: C ← C + Â·B̂ on one full mr×nr tile.
     *
     * <p>Â is a packed mr×kc micro-panel: element (i, p) at {@code a[aOff + p·mr + i]}. B̂ is a packed
     * kc×nr micro-panel: element (p, j) at {@code b[bOff + p·nr + j]}. The tile of C is
     * {@code c[cOff + i·ldc + j]} for i &lt; mr, j &lt; nr; all of it is read and written. The kc
     * products of each element are summed in order p = 0, 1, …, kc−1 (fused or not) in registers,
     * starting from zero, and the sum is added to C once. kc ≥ 1.
     *
     * <p><b>What the driver does around it.</b> α is folded into the packing of A (exact for α = 1);
     * β is applied once to C before the first rank-kc update (β = 0 stores zeros, so NaN or ∞ in C
     * does not propagate; β = 1 skips the pass). The micro-kernel never sees a partial tile: where C
     * has fewer than mr rows or nr columns left, the panels are zero-padded, the micro-kernel runs on
     * a zeroed private mr×nr scratch tile (ldc = nr), and the m×n elements that exist are added to
     * C. Keeping α, β, masks and branches out of the micro-kernel keeps its compiled loop clean (on
     * JDK 17, a vector merged from two branches is boxed, which costs more than the kc loop).
     */
    protected abstract void microKernel(int kc, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                        int ldc);

    /**
     * The micro-kernel on unpacked operands: C ← C + Â·B̂ on one full {@link #tileRows} × {@link #tileCols}
     * tile, with element (i, p)
     * of Â at {@code a[aOff + p·aStep + i]} and element (p, j) of B̂ at {@code b[bOff + p·bStep + j]}
     * (consecutive i, resp. j, are adjacent). Otherwise the same contract as {@link #microKernel}: the
     * kc products are summed in order p = 0, 1, …, kc−1 in registers from zero and added to C once.
     * The tall SYRK reads both operands straight from the rows of A with it (aStep = bStep = the
     * row stride of A), so A is never packed.
     */
    protected abstract void microKernelStrided(int kc, double[] a, int aOff, int aStep, double[] b, int bOff,
                                               int bStep, double[] c, int cOff, int ldc);

    /**
     * The micro-kernel on row-major unpacked operands: C ← C + Â·B̂ on one full {@link #tileRows} ×
     * {@link #tileCols} tile, with
     * element (i, p) of Â at {@code a[aOff + i·lda + p]} and element (p, j) of B̂ at
     * {@code b[bOff + p·ldb + j]}. Otherwise the contract of {@link #microKernel}: the kc products of
     * each element are summed in order p = 0, 1, …, kc−1 in registers from zero and added to C once.
     */
    protected abstract void microKernelRows(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                            double[] c, int cOff, int ldc);

    /**
     * Rows of the register tile of the kernels on unpacked operands ({@link #tile},
     * {@link #microKernelRows}, {@link #microKernelStrided}): the packed micro-kernel's mr unless a
     * tier overrides it.
     */
    public int tileRows() {
        return blocking.mr();
    }

    /** Columns of the register tile of the kernels on unpacked operands: the micro-kernel's nr unless overridden. */
    public int tileCols() {
        return blocking.nr();
    }

    /** Rows of the register tile of the tall SYRK ({@link #syrkTile}); {@link #tileRows} unless overridden. */
    protected int syrkMr() {
        return tileRows();
    }

    /** Columns of the register tile of the tall SYRK ({@link #syrkTile}); {@link #tileCols} unless overridden. */
    protected int syrkNr() {
        return tileCols();
    }

    /**
     * The register tile of the tall SYRK: T ← Â·B̂ on a full {@link #syrkMr} × {@link #syrkNr} tile of
     * two column blocks of the same rows of A, element (i, p) of Â at {@code a[iOff + p·ld + i]} and
     * element (p, j) of B̂ at {@code a[jOff + p·ld + j]}. The kc products of each element are summed in
     * order p = 0, 1, …, kc−1 in registers from zero, and the tile is written (not added) row-major to
     * {@code t[0 .. syrkMr·syrkNr)}; the driver adds it to C. kc ≥ 1.
     *
     * <p>{@code touch} is a hint: an implementation may read {@code a[touch + 8p]} for p &lt; kc (one
     * element per cache line, ascending; the driver guarantees those indices exist) and store anything
     * derived from them in {@code t[syrkMr·syrkNr]}. The driver points it at the next slab of rows, so
     * that those lines stream in from memory while this slab is computed (Java has no prefetch
     * instruction; spread one line per step of the loop, the reads stay ahead of the hardware
     * prefetcher without stalling the loop). The default ignores it and runs {@link #microKernelStrided}.
     */
    protected void syrkTile(int kc, double[] a, int iOff, int jOff, int ld, int touch, double[] t) {
        int mr = syrkMr();
        int nr = syrkNr();
        java.util.Arrays.fill(t, 0, mr * nr, 0.0);
        microKernelStrided(kc, a, iOff, ld, a, jOff, ld, t, 0, nr);
    }

    /**
     * C ← C + T for one full {@link #syrkMr} × {@link #syrkNr} tile T stored row-major in
     * {@code t[0 .. syrkMr·syrkNr)}, C at {@code c[cOff + i·ldc + j]}: the plain loop unless overridden.
     */
    protected void addSyrkTile(double[] t, double[] c, int cOff, int ldc) {
        int mr = syrkMr();
        int nr = syrkNr();
        for (int i = 0; i < mr; i++) {
            for (int j = 0; j < nr; j++) {
                c[cOff + i * ldc + j] += t[i * nr + j];
            }
        }
    }

    /**
     * One register tile for other level-3 drivers (the blocked triangular solve): C ← C + Â·B̂ on a
     * full {@link #tileRows} × {@link #tileCols} tile of row-major operands, as {@link #microKernelRows} (products of each
     * element summed in order p = 0 … kc−1 from zero, then added to C once). The caller guarantees
     * that all tileRows rows of Â, tileCols columns of B̂ and the whole tile of C exist; nothing is checked.
     */
    public final void tile(int kc, double[] a, int aOff, int lda, double[] b, int bOff, int ldb, double[] c,
                           int cOff, int ldc) {
        microKernelRows(kc, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    @Override
    protected void gemmK(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta, DenseMatrix c) {
        drive(opA, opB, alpha, a, b, beta, c, false);
    }

    @Override
    protected void syrkK(Op op, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        int d = c.rows();
        int k = op == Op.T ? a.rows() : a.cols();
        if (op == Op.T && d >= syrkMr() && d >= syrkNr() && d <= SYRK_DIRECT_MAX_ORDER && k > 0
                && alpha != 0) {
            int chunks = ParallelExecutor.chunksFor((long) k * d, SYRK_GRAIN, SYRK_MAX_CHUNKS);
            syrkTallDirect(chunks, alpha, a, beta, c);
            return;
        }
        if (op == Op.T && d > 0 && k > 0 && alpha != 0) {
            long maxByMemory = SYRK_MAX_PARTIAL_ELEMENTS / ((long) d * d);
            int chunks = ParallelExecutor.chunksFor((long) k * d, SYRK_GRAIN,
                    (int) Math.max(1, Math.min(SYRK_MAX_CHUNKS, maxByMemory)));
            if (chunks > 1) {
                syrkTallByRowChunks(chunks, alpha, a, beta, c);
                return;
            }
        }
        Op opB = op == Op.T ? Op.N : Op.T;
        drive(op, opB, alpha, a, a, beta, c, true);
        mirrorUpper(c);
    }

    /**
     * AᵀA for tall A: each of {@code chunks} row blocks (boundaries fixed by the shape) computes its
     * own upper-triangular partial Gram matrix; the partials are added in chunk order.
     */
    private void syrkTallByRowChunks(int chunks, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        int d = c.rows();
        int dd = d * d;
        double[] partials = new double[chunks * dd];
        executor.forEachChunk(0, a.rows(), chunks, (ch, lo, hi) -> {
            DenseMatrix rows = a.rows(lo, hi - lo);
            drive(Op.T, Op.N, 1.0, rows, rows, 0.0, new DenseMatrix(partials, ch * dd, d, d, d), true);
        });
        reduceUpper(partials, chunks, alpha, beta, c);
    }

    /**
     * AᵀA for A with few columns ({@link #syrkMr}, {@link #syrkNr} ≤ d ≤ {@value #SYRK_DIRECT_MAX_ORDER}),
     * without packing: the register tile ({@link #syrkTile}) reads both of its operands straight from
     * the rows of A. Each of {@code chunks} row blocks of A (boundaries fixed by the shape) accumulates
     * its own upper-triangular partial Gram matrix, row slab by row slab
     * ({@link GemmBlocking#syrkSlabRows} rows, which stay in L1 while all tiles of the upper triangle
     * consume them, while the tiles also read ahead one element per cache line of the next slab); the
     * partials are added in chunk order. Where d is not a multiple of the tile's rows (columns), the
     * last tile row (column) is shifted back to end at d, and only its new rows (columns) are added.
     */
    private void syrkTallDirect(int chunks, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        int d = c.rows();
        int dd = d * d;
        int mr = syrkMr();
        int nr = syrkNr();
        double[] partials = new double[chunks * dd];
        double[] ad = a.data();
        int lda = a.ld();
        int slab = GemmBlocking.syrkSlabRows(d);
        long region = (long) slab * lda;
        executor.forEachChunk(0, a.rows(), chunks, (ch, lo, hi) -> {
            double[] tile = buffer(EDGE_TILE, (long) mr * nr + 1);
            int pOff = ch * dd;
            for (int r0 = lo; r0 < hi; r0 += slab) {
                int kb = Math.min(slab, hi - r0);
                int rowBase = a.index(r0, 0);
                long next = (long) rowBase + (long) kb * lda;
                int lastTouch = ad.length - 8 * kb; // a[touch + 8p], p < kb, stays inside the array
                int t = 0;
                for (int jNew = 0; jNew < d; jNew += nr) {
                    int j0 = Math.min(jNew, d - nr);
                    int jEnd = jNew + nr - 1; // last column of C this panel must supply (may be ≥ d)
                    for (int iNew = 0; iNew <= jEnd && iNew < d; iNew += mr, t++) {
                        int i0 = Math.min(iNew, d - mr);
                        int touch = (int) Math.max(0, Math.min(lastTouch, next + (long) t * kb * 8 % region));
                        syrkTile(kb, ad, rowBase + i0, rowBase + j0, lda, touch, tile);
                        if (i0 == iNew && j0 == jNew) {
                            addSyrkTile(tile, partials, pOff + i0 * d + j0, d);
                            continue;
                        }
                        for (int i = iNew; i < i0 + mr; i++) {
                            int po = pOff + i * d;
                            int to = (i - i0) * nr - j0;
                            for (int j = jNew; j < j0 + nr; j++) {
                                partials[po + j] += tile[to + j];
                            }
                        }
                    }
                }
            }
        });
        reduceUpper(partials, chunks, alpha, beta, c);
    }

    /**
     * C ← α·(P₀ + P₁ + … + P_{chunks−1}) + β·C on the upper triangle, the d×d partials Pₖ packed one
     * after another in {@code partials} and added in chunk order (so the sum does not depend on the
     * thread count); then the lower triangle is mirrored from the upper. β = 0 overwrites C.
     */
    private static void reduceUpper(double[] partials, int chunks, double alpha, double beta, DenseMatrix c) {
        int d = c.rows();
        int dd = d * d;
        double[] cd = c.data();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                int e = i * d + j;
                double s = partials[e];
                for (int ch = 1; ch < chunks; ch++) {
                    s += partials[ch * dd + e];
                }
                int ci = c.index(i, j);
                cd[ci] = beta == 0 ? alpha * s : Math.fma(beta, cd[ci], alpha * s);
            }
        }
        mirrorUpper(c);
    }

    private static void mirrorUpper(DenseMatrix c) {
        double[] cd = c.data();
        for (int i = 1; i < c.rows(); i++) {
            for (int j = 0; j < i; j++) {
                cd[c.index(i, j)] = cd[c.index(j, i)];
            }
        }
    }

    /**
     * C ← α·op(A)·op(B) + β·C. With {@code upperOnly}, micro-tiles that lie strictly below the
     * diagonal of C are skipped (their old contents stay); tiles crossing it are computed whole.
     */
    final void drive(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta, DenseMatrix c,
                     boolean upperOnly) {
        int m = c.rows();
        int n = c.cols();
        int k = opA.cols(a);
        if (m == 0 || n == 0) {
            return;
        }
        if (beta != 1) {
            scale(c, beta, upperOnly);
        }
        if (k == 0 || alpha == 0) {
            return;
        }
        final int mr = blocking.mr();
        final int nr = blocking.nr();
        final int kcMax = blocking.kc();
        final int mcMax = blocking.mc();
        final int ncMax = blocking.nc();
        double[] packedB = buffer(PACKED_B, (long) kcMax * Math.min(ncMax, roundUp(n, nr)));
        for (int jc = 0; jc < n; jc += ncMax) {
            final int jc0 = jc;
            final int nc = Math.min(ncMax, n - jc);
            final int panels = (nc + nr - 1) / nr;
            for (int pc = 0; pc < k; pc += kcMax) {
                final int pc0 = pc;
                final int kc = Math.min(kcMax, k - pc);
                int packChunks = ParallelExecutor.chunksFor((long) panels * nr * kc, PACK_GRAIN, 64);
                executor.forEachChunk(0, panels, packChunks,
                        (ch, lo, hi) -> packB(opB, b, pc0, kc, jc0, nc, lo, hi, packedB));
                final int icBlocks = (m + mcMax - 1) / mcMax;
                final int parts = Math.max(1, Math.min(panels, nc / MIN_TASK_COLUMNS));
                final int tasks = icBlocks * parts;
                executor.forEachChunk(0, tasks, tasks, (ch, lo, hi) -> {
                    for (int t = lo; t < hi; t++) {
                        int ic = (t / parts) * mcMax;
                        int part = t % parts;
                        int p0 = (int) ((long) panels * part / parts);
                        int p1 = (int) ((long) panels * (part + 1) / parts);
                        int lastCol = jc0 + Math.min(nc, p1 * nr) - 1;
                        if (upperOnly && lastCol < ic) {
                            continue;
                        }
                        int mc = Math.min(mcMax, m - ic);
                        double[] packedA = buffer(PACKED_A, (long) roundUp(mc, mr) * kc);
                        packA(opA, a, alpha, ic, mc, pc0, kc, packedA);
                        macroKernel(packedA, packedB, kc, c, ic, mc, jc0, nc, p0, p1, upperOnly);
                    }
                });
            }
        }
    }

    private void macroKernel(double[] packedA, double[] packedB, int kc, DenseMatrix c,
                             int ic, int mc, int jc, int nc, int p0, int p1, boolean upperOnly) {
        int mr = blocking.mr();
        int nr = blocking.nr();
        double[] cd = c.data();
        int ldc = c.ld();
        for (int q = p0; q < p1; q++) {
            int j0 = jc + q * nr;
            int n = Math.min(nr, jc + nc - j0);
            int bOff = q * nr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int i0 = ic + ir;
                if (upperOnly && j0 + n - 1 < i0) {
                    break; // every later micro-panel is further below the diagonal
                }
                int m = Math.min(mr, mc - ir);
                if (m == mr && n == nr) {
                    microKernel(kc, packedA, ir * kc, packedB, bOff, cd, c.index(i0, j0), ldc);
                } else {
                    double[] tile = buffer(EDGE_TILE, (long) mr * nr);
                    java.util.Arrays.fill(tile, 0, mr * nr, 0.0);
                    microKernel(kc, packedA, ir * kc, packedB, bOff, tile, 0, nr);
                    for (int i = 0; i < m; i++) {
                        int o = c.index(i0 + i, j0);
                        for (int j = 0; j < n; j++) {
                            cd[o + j] += tile[i * nr + j];
                        }
                    }
                }
            }
        }
    }

    /** Packs α·op(A)[ic:ic+mc, pc:pc+kc] into mr-row micro-panels, zero-padding the last. */
    private void packA(Op opA, DenseMatrix a, double alpha, int ic, int mc, int pc, int kc, double[] dst) {
        int mr = blocking.mr();
        double[] ad = a.data();
        for (int ir = 0; ir < mc; ir += mr) {
            int m = Math.min(mr, mc - ir);
            int base = ir * kc;
            if (opA == Op.N && m == mr && alpha == 1) {
                int src = a.index(ic + ir, pc);
                int lda = a.ld();
                for (int p = 0; p < kc; p++) {
                    int o = base + p * mr;
                    for (int i = 0, s = src + p; i < mr; i++, s += lda) {
                        dst[o + i] = ad[s];
                    }
                }
            } else if (opA == Op.N) {
                for (int i = 0; i < m; i++) {
                    int src = a.index(ic + ir + i, pc);
                    if (alpha == 1) {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * mr + i] = ad[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            dst[base + p * mr + i] = alpha * ad[src + p];
                        }
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int src = a.index(pc + p, ic + ir);
                    int o = base + p * mr;
                    if (alpha == 1) {
                        System.arraycopy(ad, src, dst, o, m);
                    } else {
                        for (int i = 0; i < m; i++) {
                            dst[o + i] = alpha * ad[src + i];
                        }
                    }
                }
            }
            if (m < mr) {
                for (int p = 0; p < kc; p++) {
                    for (int i = m; i < mr; i++) {
                        dst[base + p * mr + i] = 0.0;
                    }
                }
            }
        }
    }

    /** Packs micro-panels [q0, q1) of op(B)[pc:pc+kc, jc:jc+nc], zero-padding the last. */
    private void packB(Op opB, DenseMatrix b, int pc, int kc, int jc, int nc, int q0, int q1, double[] dst) {
        int nr = blocking.nr();
        double[] bd = b.data();
        for (int q = q0; q < q1; q++) {
            int j0 = q * nr;
            int n = Math.min(nr, nc - j0);
            int base = q * nr * kc;
            if (opB == Op.N) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(bd, b.index(pc + p, jc + j0), dst, base + p * nr, n);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    int src = b.index(jc + j0 + j, pc);
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * nr + j] = bd[src + p];
                    }
                }
            }
            if (n < nr) {
                for (int p = 0; p < kc; p++) {
                    for (int j = n; j < nr; j++) {
                        dst[base + p * nr + j] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * C ← β·C, with β = 0 writing zeros over anything; with {@code upperOnly}, only the elements on
     * and above the diagonal (the lower triangle is rewritten by the caller).
     */
    private static void scale(DenseMatrix c, double beta, boolean upperOnly) {
        double[] cd = c.data();
        for (int i = 0; i < c.rows(); i++) {
            int j0 = upperOnly ? Math.min(i, c.cols()) : 0;
            int base = c.index(i, 0);
            if (beta == 0) {
                java.util.Arrays.fill(cd, base + j0, base + c.cols(), 0.0);
            } else if (beta != 1) {
                for (int j = j0; j < c.cols(); j++) {
                    cd[base + j] *= beta;
                }
            }
        }
    }

    private static double[] buffer(ThreadLocal<double[]> holder, long size) {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("packing buffer of " + size + " elements: reduce the blocking");
        }
        double[] buf = holder.get();
        if (buf == null || buf.length < size) {
            buf = new double[(int) size];
            holder.set(buf);
        }
        return buf;
    }

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }
}
