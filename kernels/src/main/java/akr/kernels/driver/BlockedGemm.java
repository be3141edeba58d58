package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The BLIS-style GEMM and SYRK driver shared by the scalar and SIMD tiers, which differ only in
 * their {@link GemmMicroKernel}.
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
 * <p><b>Micro-kernel contract.</b> See {@link GemmMicroKernel}. AᵀA of tall A is split by rows
 * in {@link TallSyrk}.
 */
public abstract class BlockedGemm extends Gemm {

    /** Tasks narrower than this many columns of C would pack their block of A too often. */
    private static final int MIN_TASK_COLUMNS = 1024;
    /** Elements of op(B) per packing chunk. */
    private static final long PACK_GRAIN = 1 << 15;

    private static final ThreadLocal<double[]> PACKED_A = new ThreadLocal<>();
    private static final ThreadLocal<double[]> PACKED_B = new ThreadLocal<>();
    private static final ThreadLocal<double[]> EDGE_TILE = new ThreadLocal<>();

    /** This tier's register tiles. */
    final GemmMicroKernel kernel;
    /** Block sizes; {@code mr} and {@code nr} are those of {@link #kernel}. */
    protected final GemmBlocking blocking;

    protected BlockedGemm(ParallelExecutor executor, GemmMicroKernel kernel, GemmBlocking blocking) {
        super(executor);
        if (blocking.mr() != kernel.mr() || blocking.nr() != kernel.nr()) {
            throw new IllegalArgumentException("blocking: " + blocking + " does not match the " + kernel.mr() + "x"
                    + kernel.nr() + " micro-kernel");
        }
        this.kernel = kernel;
        this.blocking = blocking;
    }

    /** This tier's register tiles (for other level-3 drivers, such as the blocked triangular solve). */
    public final GemmMicroKernel microKernel() {
        return kernel;
    }

    /** The executor, for {@link TallSyrk}. */
    final ParallelExecutor pool() {
        return executor;
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

    @Override
    protected final void gemmK(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta, DenseMatrix c) {
        drive(opA, opB, alpha, a, b, beta, c, false);
    }

    @Override
    protected final void syrkK(Op op, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        if (op == Op.T && TallSyrk.tryRun(this, alpha, a, beta, c)) {
            return;
        }
        Op opB = op == Op.T ? Op.N : Op.T;
        drive(op, opB, alpha, a, a, beta, c, true);
        mirrorUpper(c);
    }

    /**
     * C ← α·op(A)·op(A)ᵀ + β·C on the upper triangle of C only (micro-tiles crossing the diagonal
     * are computed whole; tiles strictly below it keep their contents). For factorisations that read
     * one triangle, where {@link #syrk}'s mirroring pass would cost more than the update.
     */
    final void syrkUpper(Op op, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        drive(op, op == Op.T ? Op.N : Op.T, alpha, a, a, beta, c, true);
    }

    /** Overwrites the strictly lower triangle of the square C with the mirror of its upper triangle. */
    static void mirrorUpper(DenseMatrix c) {
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
        GemmMicroKernel k = kernel;
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
                    k.multiplyPacked(kc, packedA, ir * kc, packedB, bOff, cd, c.index(i0, j0), ldc);
                } else {
                    double[] tile = buffer(EDGE_TILE, (long) mr * nr);
                    java.util.Arrays.fill(tile, 0, mr * nr, 0.0);
                    k.multiplyPacked(kc, packedA, ir * kc, packedB, bOff, tile, 0, nr);
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
