package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.expgram.ExpGram;
import akr.kernels.parallel.ParallelExecutor;

/**
 * The tiled, parallel driver of {@link ExpGram} shared by the scalar and SIMD tiers, which supply only
 * the tile kernels {@link #panelWidth}, {@link #expTile} and {@link #applyTile}.
 *
 * <p><b>Tiling.</b> The kernel is cut into {@value #TILE}×{@value #TILE} tiles. For a tile (I, J) the tier
 * computes E = exp(A_I·A_Jᵀ − s_I − t_J) with a register-blocked micro-kernel over A_J packed in
 * panels of {@link #panelWidth()} rows, applies exp to the accumulators in registers and stores E in
 * a tile buffer; it then updates Y_I += E·X_J for all r right-hand sides, so each exp is computed once
 * for all r columns. The symmetric product visits only tiles with J ≥ I and, for J &gt; I, also
 * applies the transpose, Y_J += Eᵀ·X_I: each off-diagonal exp is computed once for two entries of K.
 * Memory: the packed copies of A and X, one tile buffer and one partial output per work unit —
 * O(n·d + n·r·units + tiles), nothing proportional to n².
 */
public abstract class TiledExpGram extends ExpGram {

    /** Counted flops a work unit should at least hold. */
    static final long GRAIN_FLOPS = 1L << 22;

    protected TiledExpGram(ParallelExecutor executor) {
        super(executor);
        if (TILE % panelWidth() != 0) {
            throw new IllegalStateException("panel width " + panelWidth() + " does not divide the tile " + TILE);
        }
    }

    /** The trusting symmetric product: arguments are valid. */
    @Override
    protected final void multiplyK(DenseMatrix a, Form form, double shift, DenseMatrix x, DenseMatrix y) {
        int n = a.rows();
        int d = a.cols();
        int r = x.cols();
        if (n == 0 || r == 0) {
            return;
        }
        int pw = panelWidth();
        int npad = roundUp(n, pw);
        double[] ap = packPanels(a, null, n, pw);
        double[] xt = packColumns(x, npad);
        double[] h = form == Form.GAUSSIAN ? padded(halfSquaredNorms(a), npad) : null;
        int nt = (n + TILE - 1) / TILE;
        long tiles = (long) nt * (nt + 1) / 2;
        int units = ParallelExecutor.chunksFor(tiles * TILE * TILE * Math.max(1, d), GRAIN_FLOPS, MAX_UNITS);
        double[][] partial = new double[units][];
        executor.forEachChunk(0, units, units, (c, lo, hi) -> {
            for (int u = lo; u < hi; u++) {
                partial[u] = symmetricUnit(a, ap, xt, h, r, npad, nt, tiles * u / units, tiles * (u + 1) / units);
            }
        });
        int chunks = ParallelExecutor.chunksFor((long) n * r * units, 1 << 16, 64);
        executor.forEachChunk(0, n, chunks, (c, lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                for (int col = 0; col < r; col++) {
                    int p = col * npad + i;
                    double s = partial[0][p];
                    for (int u = 1; u < units; u++) {
                        s += partial[u][p];
                    }
                    y.set(i, col, shift == 0 ? s : Math.fma(shift, xt[p], s));
                }
            }
        });
    }

    /** Tiles [t0, t1) of the row-by-row enumeration of the upper triangle, into a new partial output. */
    private double[] symmetricUnit(DenseMatrix a, double[] ap, double[] xt, double[] h, int r, int npad, int nt,
                                   long t0, long t1) {
        int n = a.rows();
        int d = a.cols();
        double[] yp = new double[r * npad];
        double[] e = new double[TILE * TILE];
        int tileI = 0;
        long rowStart = 0;
        while (rowStart + (nt - tileI) <= t0) {
            rowStart += nt - tileI;
            tileI++;
        }
        int tileJ = tileI + (int) (t0 - rowStart);
        for (long t = t0; t < t1; t++) {
            int i0 = tileI * TILE;
            int j0 = tileJ * TILE;
            int rows = Math.min(TILE, n - i0);
            int cols = roundUp(Math.min(TILE, n - j0), panelWidth());
            expTile(a.data(), a.index(i0, 0), a.ld(), rows, ap, j0 * d, cols, d, h, i0, h, j0, e);
            applyTile(e, rows, cols, r, xt, j0, yp, i0, npad, npad, tileJ != tileI, xt, i0, yp, j0);
            if (++tileJ == nt) {
                tileI++;
                tileJ = tileI;
            }
        }
        return yp;
    }

    /** The trusting cross product: arguments are valid. */
    @Override
    protected final void multiplyCrossK(DenseMatrix b, DenseMatrix a, Form form, DenseMatrix x, DenseMatrix y) {
        int m = b.rows();
        int n = a.rows();
        int d = a.cols();
        int r = x.cols();
        if (m == 0 || r == 0) {
            return;
        }
        int pw = panelWidth();
        int npad = roundUp(n, pw);
        double[] ap = packPanels(a, null, n, pw);
        double[] xt = packColumns(x, npad);
        boolean g = form == Form.GAUSSIAN;
        double[] s = g ? halfSquaredNorms(b) : null;
        double[] t = g ? padded(halfSquaredNorms(a), npad) : null;
        int mt = (m + TILE - 1) / TILE;
        int nt = (n + TILE - 1) / TILE;
        int chunks = ParallelExecutor.chunksFor((long) mt * nt * TILE * TILE * Math.max(1, d), GRAIN_FLOPS, 4 * MAX_UNITS);
        executor.forEachChunk(0, mt, chunks, (c, lo, hi) -> {
            double[] e = new double[TILE * TILE];
            double[] yl = new double[r * TILE];
            for (int ti = lo; ti < hi; ti++) {
                int i0 = ti * TILE;
                int rows = Math.min(TILE, m - i0);
                java.util.Arrays.fill(yl, 0.0);
                for (int tj = 0; tj < nt; tj++) {
                    int j0 = tj * TILE;
                    int cols = roundUp(Math.min(TILE, n - j0), pw);
                    expTile(b.data(), b.index(i0, 0), b.ld(), rows, ap, j0 * d, cols, d, s, i0, t, j0, e);
                    applyTile(e, rows, cols, r, xt, j0, yl, 0, npad, TILE, false, null, 0, null, 0);
                }
                for (int i = 0; i < rows; i++) {
                    for (int col = 0; col < r; col++) {
                        y.set(i0 + i, col, yl[col * TILE + i]);
                    }
                }
            }
        });
        if (n == 0) {
            y.fill(0.0);
        }
    }

    /** The trusting column extraction: arguments are valid. */
    @Override
    protected final void columnsK(DenseMatrix a, Form form, int[] cols, DenseMatrix out) {
        int n = a.rows();
        int d = a.cols();
        int q = cols.length;
        if (n == 0 || q == 0) {
            return;
        }
        int pw = panelWidth();
        int qpad = roundUp(q, pw);
        double[] ap = packPanels(a, cols, q, pw);
        boolean g = form == Form.GAUSSIAN;
        double[] s = g ? halfSquaredNorms(a) : null;
        double[] t = null;
        if (g) {
            t = new double[roundUp(q, TILE)];
            for (int k = 0; k < q; k++) {
                t[k] = s[cols[k]];
            }
        }
        double[] tt = t;
        int mt = (n + TILE - 1) / TILE;
        int qt = (q + TILE - 1) / TILE;
        int chunks = ParallelExecutor.chunksFor((long) n * qpad * Math.max(1, d), GRAIN_FLOPS, 4 * MAX_UNITS);
        executor.forEachChunk(0, mt, chunks, (c, lo, hi) -> {
            double[] e = new double[TILE * TILE];
            for (int ti = lo; ti < hi; ti++) {
                int i0 = ti * TILE;
                int rows = Math.min(TILE, n - i0);
                for (int tj = 0; tj < qt; tj++) {
                    int j0 = tj * TILE;
                    int width = Math.min(TILE, q - j0);
                    expTile(a.data(), a.index(i0, 0), a.ld(), rows, ap, j0 * d, roundUp(width, pw), d, s, i0, tt, j0, e);
                    for (int i = 0; i < rows; i++) {
                        System.arraycopy(e, i * TILE, out.data(), out.index(i0 + i, j0), width);
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------------------ tier kernels

    /** Columns of A per packed panel (the micro-kernel's vector width along the tile's columns). */
    protected abstract int panelWidth();

    /**
     * The exp tile: e[i·TILE + j] ← exp(⟨b_i, p_j⟩) for i &lt; rows, j &lt; cols, where b_i is the row
     * of length d at b[bOff + i·ldb …] and p_j the j-th column of the packed panels starting at
     * ap[apOff] (panel-major, each panel d×{@link #panelWidth()} with element (k, jj) at
     * k·panelWidth + jj). cols is a multiple of the panel width. With s non-null (the Gaussian
     * form), e[i·TILE + j] ← exp(min(0, ⟨b_i, p_j⟩ − s[sOff + i] − t[tOff + j])); t covers all cols.
     */
    protected abstract void expTile(double[] b, int bOff, int ldb, int rows, double[] ap, int apOff, int cols,
                                    int d, double[] s, int sOff, double[] t, int tOff, double[] e);

    /**
     * For each right-hand side c &lt; r: yI[yIOff + c·ldy + i] += Σ_{j &lt; cols} e[i·TILE + j]·xJ[xJOff + c·ldx + j]
     * for i &lt; rows, and, when {@code transposeToo}, yJ[yJOff + c·ldy + j] += Σ_{i &lt; rows}
     * e[i·TILE + j]·xI[xIOff + c·ldx + i] for j &lt; cols. cols is a multiple of the panel width.
     */
    protected abstract void applyTile(double[] e, int rows, int cols, int r, double[] xJ, int xJOff, double[] yI,
                                      int yIOff, int ldx, int ldy, boolean transposeToo, double[] xI, int xIOff,
                                      double[] yJ, int yJOff);

    static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /**
     * Rows sel[0..count) of A (all rows when sel is null) packed in panels of pw rows: panel p holds
     * element (k, jj) = A[row p·pw + jj, k] at p·d·pw + k·pw + jj; missing rows are zero.
     */
    static double[] packPanels(DenseMatrix a, int[] sel, int count, int pw) {
        int d = a.cols();
        double[] ap = new double[roundUp(count, pw) * d];
        double[] data = a.data();
        for (int j = 0; j < count; j++) {
            int src = a.index(sel == null ? j : sel[j], 0);
            int dst = (j / pw) * d * pw + j % pw;
            for (int k = 0; k < d; k++) {
                ap[dst + k * pw] = data[src + k];
            }
        }
        return ap;
    }

    /** X (n×r) transposed into r contiguous columns of length npad (zeros beyond n). */
    static double[] packColumns(DenseMatrix x, int npad) {
        int n = x.rows();
        int r = x.cols();
        double[] xt = new double[r * npad];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < r; c++) {
                xt[c * npad + i] = x.get(i, c);
            }
        }
        return xt;
    }

    static double[] padded(double[] v, int length) {
        return java.util.Arrays.copyOf(v, Math.max(length, roundUp(v.length, TILE)));
    }

}
