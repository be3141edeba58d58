package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.blas1.Nrm2;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.qr.Householder;

/**
 * The blocked {@link Householder} drivers shared by the scalar and SIMD tiers, which supply only the row
 * kernels.
 *
 * <p><b>Layout.</b> Data are row-major, so the reflector vectors are strided columns while the rows
 * they act on are contiguous. Applying H to a block C is two passes over the rows: wᵀ = vᵀC
 * ({@link #dotRows}) then C ← C − τ·v·wᵀ ({@link #updateRows}). Panels of {@value #NB} columns are
 * factored that way and then applied to the rest as one block reflector I − V·T·Vᵀ, whose row
 * kernels {@link #dotBlock} (Vᵀ·C) and {@link #updateBlock} (C + V·W) read each row of C once for
 * {@value #NB} reflectors, holding the {@value #NB}×(vector) partial results in registers. These four
 * row kernels are the only code that differs between the scalar and SIMD tiers. In the factorisation the update of column j
 * also returns the sum of squares of column j+1 below the diagonal, so the next norm costs no
 * extra pass over strided memory; when that sum is outside [2⁻⁹⁹⁰, MAX] the norm is recomputed
 * with scaling (see {@link Nrm2}). The update starts at a column index that is a multiple of
 * {@value #ALIGN} (the extra columns get w = 0, which leaves them unchanged), so vector loops stay
 * aligned with the row start and need no masked heads.
 *
 */
public abstract class BlockedHouseholder extends Householder {

    protected BlockedHouseholder(ParallelExecutor executor) {
        super(executor);
    }

    /**
     * Driver: panels of {@value #NB} columns factored by {@link #factorUnblocked}, each applied to the
     * columns to its right as one block reflector (see {@link #applyBlock}).
     */
    @Override
    protected final void factorK(DenseMatrix a, double[] tau, int tauOff) {
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        if (n <= NB || m <= NB) {
            factorPanel(a, tau, tauOff);
            return;
        }
        for (int j0 = 0; j0 < k; j0 += NB) {
            int jb = Math.min(NB, k - j0);
            factorPanel(a.view(j0, j0, m - j0, jb), tau, tauOff + j0);
            int c0 = j0 + jb;
            if (c0 < n) {
                applyBlock(Op.T, a.data(), a.index(j0, j0), a.ld(), m - j0, jb, tau, tauOff + j0, a.data(),
                        a.index(j0, c0), a.ld(), n - c0);
            }
        }
    }

    /**
     * dgeqr2 on a panel: narrow panels of at least {@value #TRANSPOSED_PANEL_MIN_ROWS} rows go through
     * {@link #factorTransposed}, others through {@link #factorUnblocked}.
     */
    final void factorPanel(DenseMatrix a, double[] tau, int tauOff) {
        if (a.cols() <= NB && a.rows() >= TRANSPOSED_PANEL_MIN_ROWS) {
            factorTransposed(a, tau, tauOff);
        } else {
            factorUnblocked(a, tau, tauOff);
        }
    }

    /** Shortest panel that is factored through a column-major copy. */
    static final int TRANSPOSED_PANEL_MIN_ROWS = 32;

    private static final ThreadLocal<double[]> PANEL_BUFFER = new ThreadLocal<>();

    /**
     * dgeqr2 on a narrow panel (m×b, b ≤ {@value #NB}) through a column-major copy: in the row-major
     * store a panel column is strided, so every reflector would cost a few passes of one cache line
     * per row; copied into b contiguous columns of m, each reflector is a contiguous norm, dot
     * products and axpys ({@link #dotContiguous}, {@link #axpyContiguous}) on data that stays in the
     * nearest caches, and the panel is copied back once.
     */
    final void factorTransposed(DenseMatrix a, double[] tau, int tauOff) {
        int m = a.rows();
        int b = a.cols();
        int k = Math.min(m, b);
        double[] t = PANEL_BUFFER.get();
        if (t == null || t.length < m * b) {
            t = new double[m * b];
            PANEL_BUFFER.set(t);
        }
        double[] d = a.data();
        int ld = a.ld();
        for (int i = 0; i < m; i++) {
            int src = a.index(i, 0);
            for (int j = 0; j < b; j++) {
                t[j * m + i] = d[src + j];
            }
        }
        for (int j = 0; j < k; j++) {
            int pj = j * m + j;
            int below = m - j - 1;
            double xnorm = 0;
            if (below > 0) {
                double s = dotContiguous(t, pj + 1, t, pj + 1, below);
                xnorm = Nrm2.accept(s) ? Math.sqrt(s) : columnNorm(t, pj + 1, 1, below);
            }
            double tj = generate(t, pj, 1, below, xnorm);
            tau[tauOff + j] = tj;
            if (tj == 0) {
                continue;
            }
            for (int c = j + 1; c < b; c++) {
                int pc = c * m + j;
                double w = below == 0 ? t[pc] : t[pc] + dotContiguous(t, pj + 1, t, pc + 1, below);
                w *= tj;
                t[pc] -= w;
                if (below > 0) {
                    axpyContiguous(-w, t, pj + 1, t, pc + 1, below);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            int dst = a.index(i, 0);
            for (int j = 0; j < b; j++) {
                d[dst + j] = t[j * m + i];
            }
        }
    }

    /** dgeqr2: one reflector at a time, each applied to the rest of the view by two row passes. */
    final void factorUnblocked(DenseMatrix a, double[] tau, int tauOff) {
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        double[] d = a.data();
        int ld = a.ld();
        double[] w = new double[n + ALIGN];
        double nextSumSq = Double.NaN;
        for (int j = 0; j < k; j++) {
            int pj = a.index(j, j);
            int below = m - j - 1;
            double xnorm = below == 0 ? 0 : Nrm2.accept(nextSumSq) ? Math.sqrt(nextSumSq)
                    : columnNorm(d, pj + ld, ld, below);
            double t = generate(d, pj, ld, below, xnorm);
            tau[tauOff + j] = t;
            nextSumSq = Double.NaN;
            int c0 = ((j + 1) / ALIGN) * ALIGN;
            if (j + 1 < n && t != 0) {
                nextSumSq = reflect(t, d, pj + ld, ld, below, d, a.index(j, c0), ld, n - c0, j + 1 - c0, w);
            }
        }
    }

    /** wᵀ = vᵀC by {@link #dotRows}, then C ← C − τ·v·wᵀ by {@link #updateRows}. */
    @Override
    protected final double reflect(double t, double[] v, int vOff, int vStride, int below, double[] c, int cOff,
                                   int ldc, int cols, int skip, double[] w) {
        System.arraycopy(c, cOff, w, 0, cols);
        dotRows(v, vOff, vStride, c, cOff + ldc, ldc, below, cols, w);
        for (int q = 0; q < skip; q++) {
            w[q] = 0;
        }
        for (int q = skip; q < cols; q++) {
            w[q] *= t;
            c[cOff + q] -= w[q];
        }
        if (below == 0) {
            return Double.NaN;
        }
        double s = updateRows(v, vOff, vStride, c, cOff + ldc, ldc, below, cols, skip, w);
        return skip < cols ? s : Double.NaN;
    }

    /**
     * Driver: for C of at least {@value #NB} columns, reflectors in blocks of {@value #NB} applied
     * as block reflectors (dlarfb); narrower C of at least {@value #NARROW_BLOCK_MIN_ROWS} rows by
     * {@link #applyBlockNarrow}, one column at a time; small C one reflector at a time (dorm2r).
     */
    @Override
    protected final void applyK(Op op, DenseMatrix v, double[] tau, int tauOff, DenseMatrix c) {
        int m = c.rows();
        int p = c.cols();
        int k = v.cols();
        if (p == 0 || k == 0) {
            return;
        }
        if (p >= NB) {
            int blocks = (k + NB - 1) / NB;
            for (int s = 0; s < blocks; s++) {
                int j0 = (op == Op.T ? s : blocks - 1 - s) * NB;
                int jb = Math.min(NB, k - j0);
                applyBlock(op, v.data(), v.index(j0, j0), v.ld(), m - j0, jb, tau, tauOff + j0, c.data(),
                        c.index(j0, 0), c.ld(), p);
            }
            return;
        }
        if (m >= NARROW_BLOCK_MIN_ROWS) {
            int blocks = (k + NB - 1) / NB;
            for (int s = 0; s < blocks; s++) {
                int j0 = (op == Op.T ? s : blocks - 1 - s) * NB;
                int jb = Math.min(NB, k - j0);
                applyBlockNarrow(op, v.data(), v.index(j0, j0), v.ld(), m - j0, jb, tau, tauOff + j0, c.data(),
                        c.index(j0, 0), c.ld(), p);
            }
            return;
        }
        double[] w = new double[p];
        for (int s = 0; s < k; s++) {
            int j = op == Op.T ? s : k - 1 - s;
            double t = tau[tauOff + j];
            if (t != 0) {
                reflect(t, v.data(), v.index(j, j) + v.ld(), v.ld(), m - j - 1, c.data(), c.index(j, 0), c.ld(), p,
                        0, w);
            }
        }
    }

    /**
     * C ← op(H₀·…·H_{jb−1})·C for the jb reflectors stored (LAPACK style, unit diagonal implicit)
     * in the rows×jb block at {@code v[vOff]}, C rows×cols at {@code c[cOff]}: with the compact WY
     * form H₀·…·H_{jb−1} = I − V·T·Vᵀ (dlarft), C ← C − V·(Tᵀ·(Vᵀ·C)) for op T and
     * C − V·(T·(Vᵀ·C)) for op N (dlarfb). The rows below the
     * jb×jb unit triangle go through {@link #dotBlock} and {@link #updateBlock}.
     */
    final void applyBlock(Op op, double[] v, int vOff, int ldv, int rows, int jb, double[] tau, int tauOff,
                          double[] c, int cOff, int ldc, int cols) {
        double[] t = triangularFactor(v, vOff, ldv, rows, jb, tau, tauOff);
        double[] w = new double[jb * cols];
        int top = Math.min(jb, rows);
        for (int r = 0; r < top; r++) {
            int cr = cOff + r * ldc;
            for (int a = 0; a <= r; a++) {
                double coef = a == r ? 1.0 : v[vOff + r * ldv + a];
                for (int q = 0; q < cols; q++) {
                    w[a * cols + q] = Math.fma(coef, c[cr + q], w[a * cols + q]);
                }
            }
        }
        if (rows > jb) {
            dotBlock(v, vOff + jb * ldv, ldv, jb, c, cOff + jb * ldc, ldc, rows - jb, cols, w, cols);
        }
        multiplyTriangular(op == Op.T ? Op.T : Op.N, DenseMatrix.wrap(t, jb, jb),
                DenseMatrix.wrap(w, jb, cols));
        for (int i = 0; i < w.length; i++) {
            w[i] = -w[i];
        }
        for (int r = 0; r < top; r++) {
            int cr = cOff + r * ldc;
            for (int a = 0; a <= r; a++) {
                double coef = a == r ? 1.0 : v[vOff + r * ldv + a];
                for (int q = 0; q < cols; q++) {
                    c[cr + q] = Math.fma(coef, w[a * cols + q], c[cr + q]);
                }
            }
        }
        if (rows > jb) {
            updateBlock(v, vOff + jb * ldv, ldv, jb, c, cOff + jb * ldc, ldc, rows - jb, cols, w, cols);
        }
    }

    /** Narrow C with at least this many rows gets block reflectors one column at a time. */
    static final int NARROW_BLOCK_MIN_ROWS = 64;

    /**
     * {@link #applyBlock} for C narrower than {@value #NB} columns: T is formed once, then each column
     * c of C takes w = Vᵀc as one pass over the rows of V ({@link #dotRows} with the roles of V and c
     * swapped: each row of V is contiguous), w ← op(T)·w, and c ← c − V·w as a second pass
     * ({@link #updateBlock} on one column). Three passes over V per {@value #NB} reflectors instead
     * of two per reflector.
     */
    final void applyBlockNarrow(Op op, double[] v, int vOff, int ldv, int rows, int jb, double[] tau, int tauOff,
                                double[] c, int cOff, int ldc, int cols) {
        double[] t = triangularFactor(v, vOff, ldv, rows, jb, tau, tauOff);
        DenseMatrix tm = DenseMatrix.wrap(t, jb, jb);
        double[] w = new double[jb];
        int top = Math.min(jb, rows);
        for (int q = 0; q < cols; q++) {
            java.util.Arrays.fill(w, 0.0);
            int cq = cOff + q;
            for (int r = 0; r < top; r++) {
                double cr = c[cq + r * ldc];
                for (int a = 0; a <= r; a++) {
                    double coef = a == r ? 1.0 : v[vOff + r * ldv + a];
                    w[a] = Math.fma(coef, cr, w[a]);
                }
            }
            if (rows > jb) {
                dotRows(c, cq + jb * ldc, ldc, v, vOff + jb * ldv, ldv, rows - jb, jb, w);
            }
            multiplyTriangular(op == Op.T ? Op.T : Op.N, tm, DenseMatrix.wrap(w, jb, 1));
            for (int a = 0; a < jb; a++) {
                w[a] = -w[a];
            }
            for (int r = 0; r < top; r++) {
                int cr = cq + r * ldc;
                for (int a = 0; a <= r; a++) {
                    double coef = a == r ? 1.0 : v[vOff + r * ldv + a];
                    c[cr] = Math.fma(coef, w[a], c[cr]);
                }
            }
            if (rows > jb) {
                updateBlock(v, vOff + jb * ldv, ldv, jb, c, cq + jb * ldc, ldc, rows - jb, 1, w, 1);
            }
        }
    }

    /**
     * dlarft (forward, columnwise) for jb reflectors stored as in {@link #applyBlock}: T (jb×jb,
     * row-major, upper) with T(i,i) = τᵢ and T(0:i, i) = −τᵢ·T(0:i, 0:i)·(Vᵀv_i)(0:i).
     */
    final double[] triangularFactor(double[] v, int vOff, int ldv, int rows, int jb, double[] tau, int tauOff) {
        double[] g = new double[jb * jb];
        int top = Math.min(jb, rows);
        for (int r = 0; r < top; r++) {
            for (int a = 0; a <= r; a++) {
                double va = a == r ? 1.0 : v[vOff + r * ldv + a];
                for (int b = a; b <= r; b++) {
                    double vb = b == r ? 1.0 : v[vOff + r * ldv + b];
                    g[a * jb + b] = Math.fma(va, vb, g[a * jb + b]);
                }
            }
        }
        if (rows > jb) {
            dotBlock(v, vOff + jb * ldv, ldv, jb, v, vOff + jb * ldv, ldv, rows - jb, jb, g, jb);
        }
        double[] t = new double[jb * jb];
        for (int i = 0; i < jb; i++) {
            double ti = tau[tauOff + i];
            t[i * jb + i] = ti;
            if (ti == 0) {
                continue;
            }
            for (int r = 0; r < i; r++) {
                double s = 0;
                for (int l = r; l < i; l++) {
                    s = Math.fma(t[r * jb + l], g[l * jb + i], s);
                }
                t[r * jb + i] = -ti * s;
            }
        }
        return t;
    }

    /** Structured stacked-triangle QR driver. */
    @Override
    protected final void factorStackedK(DenseMatrix top, DenseMatrix bottom, double[] tau, int tauOff) {
        int n = top.rows();
        double[] dt = top.data();
        double[] db = bottom.data();
        int ldb = bottom.ld();
        double[] w = new double[n + ALIGN];
        double[] row = new double[n + ALIGN];
        for (int j = 0; j < n; j++) {
            // reflector j: 1 at top row j, bottom rows 0..j of column j
            int pb = bottom.index(0, j);
            double xnorm = columnNorm(db, pb, ldb, j + 1);
            double alpha = dt[top.index(j, j)];
            double t = generateSplit(dt, top.index(j, j), db, pb, ldb, j + 1, alpha, xnorm);
            tau[tauOff + j] = t;
            if (j + 1 < n && t != 0) {
                int cols = n - j - 1;
                int tj = top.index(j, j + 1);
                System.arraycopy(dt, tj, w, 0, cols);
                dotRows(db, pb, ldb, db, bottom.index(0, j + 1), ldb, j + 1, cols, w);
                for (int q = 0; q < cols; q++) {
                    w[q] *= t;
                    dt[tj + q] -= w[q];
                }
                updateRows(db, pb, ldb, db, bottom.index(0, j + 1), ldb, j + 1, cols, 0, w);
            }
        }
    }

    /** Structured stacked application driver. */
    @Override
    protected final void applyStackedK(Op op, DenseMatrix v2, double[] tau, int tauOff, DenseMatrix cTop,
                                       DenseMatrix cBottom) {
        int n = v2.rows();
        int p = cTop.cols();
        if (p == 0) {
            return;
        }
        double[] w = new double[p];
        double[] ct = cTop.data();
        for (int s = 0; s < n; s++) {
            int j = op == Op.T ? s : n - 1 - s;
            double t = tau[tauOff + j];
            if (t == 0) {
                continue;
            }
            int tj = cTop.index(j, 0);
            System.arraycopy(ct, tj, w, 0, p);
            dotRows(v2.data(), v2.index(0, j), v2.ld(), cBottom.data(), cBottom.index(0, 0), cBottom.ld(), j + 1, p, w);
            for (int q = 0; q < p; q++) {
                w[q] *= t;
                ct[tj + q] -= w[q];
            }
            updateRows(v2.data(), v2.index(0, j), v2.ld(), cBottom.data(), cBottom.index(0, 0), cBottom.ld(), j + 1,
                    p, 0, w);
        }
    }

    // ---------------------------------------------------------------- tier kernels

    /**
     * w[0 … cols) += Σ_{i &lt; rows} v[vOff + i·vStride] · c[cOff + i·ldc + (0 … cols)], the rows
     * accumulated in increasing order per element (tiers may split them into a fixed number of
     * interleaved partial sums).
     */
    protected abstract void dotRows(double[] v, int vOff, int vStride, double[] c, int cOff, int ldc, int rows,
                                    int cols, double[] w);

    /** Σ_{i &lt; len} x[xOff + i]·y[yOff + i] (tiers may split the sum into a fixed number of partial sums). */
    protected abstract double dotContiguous(double[] x, int xOff, double[] y, int yOff, int len);

    /** y[yOff + i] += α·x[xOff + i] for i &lt; len (x and y may be the same array, disjoint ranges). */
    protected abstract void axpyContiguous(double alpha, double[] x, int xOff, double[] y, int yOff, int len);

    /**
     * w[a·ldw + q] += Σ_{i &lt; rows} v[vOff + i·ldv + a] · c[cOff + i·ldc + q] for a &lt; nb ≤ {@value #NB},
     * q &lt; cols (Vᵀ·C for a block of nb reflectors stored in the rows; rows summed in order).
     */
    protected abstract void dotBlock(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc, int rows,
                                     int cols, double[] w, int ldw);

    /**
     * c[cOff + i·ldc + q] += Σ_{a &lt; nb} v[vOff + i·ldv + a] · w[a·ldw + q] for i &lt; rows, q &lt; cols
     * (C + V·W, the terms added in order of a).
     */
    protected abstract void updateBlock(double[] v, int vOff, int ldv, int nb, double[] c, int cOff, int ldc,
                                        int rows, int cols, double[] w, int ldw);

    /**
     * c[cOff + i·ldc + q] −= v[vOff + i·vStride] · w[q] for i &lt; rows, q &lt; cols; returns
     * Σ_{1 ≤ i &lt; rows} c[cOff + i·ldc + skip]² after the update (0 when skip ≥ cols), summed in
     * row order. Entries with w[q] = 0 are left unchanged.
     */
    protected abstract double updateRows(double[] v, int vOff, int vStride, double[] c, int cOff, int ldc, int rows,
                                         int cols, int skip, double[] w);
}
