package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

/**
 * C ← α·AᵀA + β·C for tall A, the paths of {@link BlockedGemm#syrk} that split the rows of A into
 * chunks (boundaries fixed by the shape), give each chunk its own upper-triangular partial Gram
 * matrix and add the partials in chunk order, so results do not depend on the thread count: for
 * d ≤ {@value #DIRECT_MAX_ORDER} straight from the rows of A with the tall-SYRK register tile,
 * otherwise through the packed GEMM driver per chunk.
 */
final class TallSyrk {

    /** Matrix elements a SYRK row chunk should at least hold. */
    private static final long GRAIN = 1 << 16;
    /** Upper bound on SYRK row chunks, and on the elements of their partial Gram matrices. */
    private static final int MAX_CHUNKS = 32;
    private static final long MAX_PARTIAL_ELEMENTS = 1 << 22;
    /** Largest d for which AᵀA reads A unpacked ({@link #direct}). */
    static final int DIRECT_MAX_ORDER = 128;

    private static final ThreadLocal<double[]> TILE = new ThreadLocal<>();

    private TallSyrk() {
    }

    /**
     * C ← α·AᵀA + β·C (C d×d, upper triangle mirrored to the lower) if A is tall enough for a row
     * split; false, leaving C untouched, if the caller should run the plain driver instead.
     */
    static boolean tryRun(BlockedGemm g, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        int d = c.rows();
        int k = a.rows();
        if (k == 0 || alpha == 0 || d == 0) {
            return false;
        }
        GemmMicroKernel kernel = g.kernel;
        if (d >= kernel.syrkRows() && d >= kernel.syrkCols() && d <= DIRECT_MAX_ORDER) {
            int chunks = ParallelExecutor.chunksFor((long) k * d, GRAIN, MAX_CHUNKS);
            direct(g.pool(), kernel, chunks, alpha, a, beta, c);
            return true;
        }
        long maxByMemory = MAX_PARTIAL_ELEMENTS / ((long) d * d);
        int chunks = ParallelExecutor.chunksFor((long) k * d, GRAIN,
                (int) Math.max(1, Math.min(MAX_CHUNKS, maxByMemory)));
        if (chunks > 1) {
            byRowChunks(g, chunks, alpha, a, beta, c);
            return true;
        }
        return false;
    }

    /**
     * AᵀA for tall A: each of {@code chunks} row blocks (boundaries fixed by the shape) computes its
     * own upper-triangular partial Gram matrix; the partials are added in chunk order.
     */
    private static void byRowChunks(BlockedGemm g, int chunks, double alpha, DenseMatrix a, double beta,
                                    DenseMatrix c) {
        int d = c.rows();
        int dd = d * d;
        double[] partials = new double[chunks * dd];
        g.pool().forEachChunk(0, a.rows(), chunks, (ch, lo, hi) -> {
            DenseMatrix rows = a.rows(lo, hi - lo);
            g.drive(Op.T, Op.N, 1.0, rows, rows, 0.0, new DenseMatrix(partials, ch * dd, d, d, d), true);
        });
        reduceUpper(partials, chunks, alpha, beta, c);
    }

    /**
     * AᵀA for A with few columns (the tall-SYRK tile fits, d ≤ {@value #DIRECT_MAX_ORDER}),
     * without packing: the register tile ({@link GemmMicroKernel#syrkTile}) reads both of its operands straight from
     * the rows of A. Each of {@code chunks} row blocks of A (boundaries fixed by the shape) accumulates
     * its own upper-triangular partial Gram matrix, row slab by row slab
     * ({@link GemmBlocking#syrkSlabRows} rows, which stay in L1 while all tiles of the upper triangle
     * consume them, while the tiles also read ahead one element per cache line of the next slab); the
     * partials are added in chunk order. Where d is not a multiple of the tile's rows (columns), the
     * last tile row (column) is shifted back to end at d, and only its new rows (columns) are added.
     * A kernel with row updates ({@link GemmMicroKernel#syrkSlabByRows}) takes each slab instead of
     * the tiles, with the same sums.
     */
    private static void direct(ParallelExecutor executor, GemmMicroKernel kernel, int chunks, double alpha,
                               DenseMatrix a, double beta, DenseMatrix c) {
        int d = c.rows();
        int dd = d * d;
        int mr = kernel.syrkRows();
        int nr = kernel.syrkCols();
        double[] partials = new double[chunks * dd];
        double[] ad = a.data();
        int lda = a.ld();
        int slab = GemmBlocking.syrkSlabRows(d);
        long region = (long) slab * lda;
        executor.forEachChunk(0, a.rows(), chunks, (ch, lo, hi) -> {
            double[] tile = tileBuffer(mr * nr + 1);
            int pOff = ch * dd;
            for (int r0 = lo; r0 < hi; r0 += slab) {
                int kb = Math.min(slab, hi - r0);
                int rowBase = a.index(r0, 0);
                if (kernel.syrkSlabByRows(kb, ad, rowBase, lda, d, partials, pOff)) {
                    continue;
                }
                long next = (long) rowBase + (long) kb * lda;
                int lastTouch = ad.length - 8 * kb; // a[touch + 8p], p < kb, stays inside the array
                int t = 0;
                for (int jNew = 0; jNew < d; jNew += nr) {
                    int j0 = Math.min(jNew, d - nr);
                    int jEnd = jNew + nr - 1; // last column of C this panel must supply (may be ≥ d)
                    for (int iNew = 0; iNew <= jEnd && iNew < d; iNew += mr, t++) {
                        int i0 = Math.min(iNew, d - mr);
                        int touch = (int) Math.max(0, Math.min(lastTouch, next + (long) t * kb * 8 % region));
                        kernel.syrkTile(kb, ad, rowBase + i0, rowBase + j0, lda, touch, tile);
                        if (i0 == iNew && j0 == jNew) {
                            kernel.addSyrkTile(tile, partials, pOff + i0 * d + j0, d);
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
        BlockedGemm.mirrorUpper(c);
    }

    private static double[] tileBuffer(int size) {
        double[] buf = TILE.get();
        if (buf == null || buf.length < size) {
            buf = new double[size];
            TILE.set(buf);
        }
        return buf;
    }
}
