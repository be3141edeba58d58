package akr.kernels.qr;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.gemm.Gemm;
import akr.kernels.parallel.ParallelExecutor;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocked Householder QR as LAPACK dgeqrf: panels of {@code nb} columns are factored by the level-2
 * kernel, each panel's reflectors are gathered into the compact WY form H₀·…·H_{b−1} = I − V·T·Vᵀ
 * (dlarft, T upper triangular b×b) and applied to the trailing columns with two GEMMs and a small
 * triangular product (dlarfb): C ← C − V·(Tᵀ·(Vᵀ·C)). The T factors are kept, so Q and Qᵀ are applied
 * to matrices the same way; vectors and narrow matrices go through the level-2 kernel.
 *
 * <p><b>Parallelism.</b> The trailing update of each panel is cut into column chunks (boundaries fixed
 * by the sizes) that run the two GEMMs of dlarfb each on their own columns, one synchronisation per
 * panel; the first chunk updates the next panel's columns and factors that panel at once
 * (look-ahead), so the serial panel factorisation overlaps the rest of the update.
 *
 * <p>Without a fast GEMM ({@code gemm} null: the tier's GEMM is not available) the whole matrix goes
 * to {@link Householder#factor}, whose own {@value Householder#NB}-column block reflectors then
 * sweep the trailing matrix.
 */
final class BlockedQr implements QrFactors {

    /** Below this many right-hand columns Q is applied reflector by reflector. */
    private static final int LEVEL3_MIN_COLS = 4;
    /** Trailing columns per parallel update chunk (at least). */
    private static final int UPDATE_CHUNK_COLUMNS = 192;
    private static final int MAX_UPDATE_CHUNKS = 16;

    private record Panel(int j0, int width, DenseMatrix t) {
    }

    private final DenseMatrix store;
    private final double[] tau;
    private final Householder householder;
    private final Gemm gemm;
    private final ParallelExecutor executor;
    private final List<Panel> panels = new ArrayList<>();

    BlockedQr(DenseMatrix store, Householder householder, Gemm gemm, ParallelExecutor executor, int nb) {
        this.store = store;
        this.householder = householder;
        this.gemm = gemm;
        this.executor = executor;
        int m = store.rows();
        int n = store.cols();
        int k = Math.min(m, n);
        this.tau = new double[k];
        if (gemm == null || k <= nb || n <= nb) {
            householder.factor(store, tau, 0);
            return;
        }
        householder.factor(store.view(0, 0, m, Math.min(nb, k)), tau, 0);
        for (int j0 = 0; j0 < k; j0 += nb) {
            int jb = Math.min(nb, k - j0);
            DenseMatrix v = unitLower(store.view(j0, j0, m - j0, jb));
            DenseMatrix t = triangularFactor(v, j0);
            panels.add(new Panel(j0, jb, t));
            int c0 = j0 + jb;
            if (c0 < n) {
                updateAndFactorNext(v, t, j0, c0, nb, k);
            }
        }
    }

    /**
     * Applies panel (V, T) at row j0 to the columns c0 … n−1 and factors the next panel (columns
     * c0 … c0 + nb − 1, if c0 &lt; k) as soon as its own columns are updated (look-ahead): chunk 0
     * updates and factors the next panel while the other chunks update the rest. Chunk boundaries
     * depend only on the sizes and every chunk does the same arithmetic whichever thread runs it,
     * so the factors are bit-identical for any thread count.
     */
    private void updateAndFactorNext(DenseMatrix v, DenseMatrix t, int j0, int c0, int nb, int k) {
        int m = store.rows();
        int n = store.cols();
        int nextWidth = c0 < k ? Math.min(nb, k - c0) : 0;
        int rest = n - c0 - nextWidth;
        int restChunks = rest == 0 ? 0 : ParallelExecutor.chunksFor(rest, UPDATE_CHUNK_COLUMNS, MAX_UPDATE_CHUNKS);
        int lead = nextWidth > 0 ? 1 : 0;
        int chunks = lead + restChunks;
        executor.forEachChunk(0, chunks, chunks, (ch, lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                if (c < lead) {
                    applyBlock(Op.T, v, t, store.view(j0, c0, m - j0, nextWidth));
                    householder.factor(store.view(c0, c0, m - c0, nextWidth), tau, c0);
                } else {
                    int r = c - lead;
                    int from = alignedSplit(rest, restChunks, r);
                    int to = alignedSplit(rest, restChunks, r + 1);
                    if (to > from) {
                        int col = c0 + nextWidth + from;
                        applyBlock(Op.T, v, t, store.view(j0, col, m - j0, to - from));
                    }
                }
            }
        });
    }

    /** Boundary r of {@code parts} near-equal column chunks of {@code cols}, rounded to multiples of 16. */
    private static int alignedSplit(int cols, int parts, int r) {
        if (r >= parts) {
            return cols;
        }
        int b = (int) ((long) cols * r / parts);
        return Math.min(cols, (b + 8) / 16 * 16);
    }

    @Override
    public DenseMatrix rView() {
        return store.view(0, 0, Math.min(store.rows(), store.cols()), store.cols());
    }

    @Override
    public void applyQt(DenseMatrix c) {
        if (panels.isEmpty() || c.cols() < LEVEL3_MIN_COLS) {
            householder.apply(Op.T, reflectors(), tau, 0, c);
            return;
        }
        for (Panel p : panels) {
            applyPanel(Op.T, p, c);
        }
    }

    @Override
    public void applyQ(DenseMatrix c) {
        if (panels.isEmpty() || c.cols() < LEVEL3_MIN_COLS) {
            householder.apply(Op.N, reflectors(), tau, 0, c);
            return;
        }
        for (int i = panels.size() - 1; i >= 0; i--) {
            applyPanel(Op.N, panels.get(i), c);
        }
    }

    /**
     * dorgqr: C starts diagonal, so when the panels are applied last to first, the columns left of
     * panel j0 are still zero in rows ≥ j0 and no reflector of that panel or later changes them;
     * each panel is applied to columns j0 … k−1 only (about half the flops of {@link #applyQ} for a
     * square matrix).
     */
    @Override
    public void applyQToDiagonal(DenseMatrix c) {
        if (panels.isEmpty() || c.cols() < LEVEL3_MIN_COLS) {
            applyQ(c);
            return;
        }
        for (int i = panels.size() - 1; i >= 0; i--) {
            Panel p = panels.get(i);
            applyPanel(Op.N, p, c.cols(p.j0(), c.cols() - p.j0()));
        }
    }

    private DenseMatrix reflectors() {
        return store.view(0, 0, store.rows(), Math.min(store.rows(), store.cols()));
    }

    /** One panel's block reflector applied to column chunks of C in parallel. */
    private void applyPanel(Op op, Panel p, DenseMatrix c) {
        int m = store.rows();
        DenseMatrix v = unitLower(store.view(p.j0(), p.j0(), m - p.j0(), p.width()));
        DenseMatrix below = c.rows(p.j0(), m - p.j0());
        int cols = c.cols();
        int chunks = ParallelExecutor.chunksFor(cols, UPDATE_CHUNK_COLUMNS, MAX_UPDATE_CHUNKS);
        executor.forEachChunk(0, chunks, chunks, (ch, lo, hi) -> {
            for (int r = lo; r < hi; r++) {
                int from = alignedSplit(cols, chunks, r);
                int to = alignedSplit(cols, chunks, r + 1);
                if (to > from) {
                    applyBlock(op, v, p.t(), below.cols(from, to - from));
                }
            }
        });
    }

    /** C ← (I − V·T·Vᵀ)·C (op N) or (I − V·Tᵀ·Vᵀ)·C (op T): dlarfb. */
    private void applyBlock(Op op, DenseMatrix v, DenseMatrix t, DenseMatrix c) {
        if (c.cols() == 0) {
            return;
        }
        DenseMatrix w = gemm.multiply(Op.T, v, Op.N, c);
        Householder.multiplyTriangular(op, t, w);
        gemm.gemm(Op.N, Op.N, -1.0, v, w, 1.0, c);
    }

    /** A packed copy of a factored panel's reflectors: unit diagonal, zeros above, v(1:) below. */
    static DenseMatrix unitLower(DenseMatrix panel) {
        int m = panel.rows();
        int b = panel.cols();
        DenseMatrix v = DenseMatrix.zeros(m, b);
        double[] vd = v.data();
        double[] pd = panel.data();
        for (int i = 0; i < m; i++) {
            int src = panel.index(i, 0);
            int dst = i * b;
            int diag = Math.min(i, b);
            System.arraycopy(pd, src, vd, dst, diag);
            if (i < b) {
                vd[dst + i] = 1.0;
            }
        }
        return v;
    }

    /**
     * dlarft (forward, columnwise): the upper triangular T with H₀·…·H_{b−1} = I − V·T·Vᵀ, from the
     * Gram matrix G = VᵀV: T(i,i) = τᵢ, T(0:i, i) = −τᵢ·T(0:i, 0:i)·G(0:i, i).
     */
    private DenseMatrix triangularFactor(DenseMatrix v, int tauOff) {
        int b = v.cols();
        DenseMatrix g = gemm.gram(Op.T, v);
        DenseMatrix t = DenseMatrix.zeros(b, b);
        double[] td = t.data();
        double[] gd = g.data();
        for (int i = 0; i < b; i++) {
            double ti = tau[tauOff + i];
            td[i * b + i] = ti;
            if (ti == 0) {
                continue;
            }
            for (int r = 0; r < i; r++) {
                double s = 0;
                for (int l = r; l < i; l++) {
                    s = Math.fma(td[r * b + l], gd[l * b + i], s);
                }
                td[r * b + i] = -ti * s;
            }
        }
        return t;
    }
}
