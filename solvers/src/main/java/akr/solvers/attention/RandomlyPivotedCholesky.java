package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.kernels.random.CounterRandom;

import java.util.Arrays;

/**
 * Randomly pivoted Cholesky (Chen, Epperly, Tropp, Webber 2023) of the Gaussian kernel G: a rank-k
 * factor F (n×k) with G ≈ F·Fᵀ, from diag(G) = 1 and k columns of G only (O(n·k·d) kernel work,
 * O(n·k²) arithmetic, O(n·k) memory).
 *
 * <p>Each step samples a pivot s with probability proportional to the residual diagonal
 * r = diag(G − FFᵀ) and appends the column (G − FFᵀ)[:, s]/√r_s. It is run in blocks of
 * {@value #BLOCK} pivots (the block variant of Epperly et al.): the block's columns of G come from
 * one kernel call, the update by the previous factor is one GEMM, and the block is then factored
 * column by column, rejecting pivots whose residual diagonal has fallen below {@value #REJECT}
 * (already represented, e.g. a duplicate of an earlier pivot). The residual G − FFᵀ stays positive
 * semidefinite, and its trace Σr_i is returned with the factor. The process stops early when
 * Σr_i ≤ {@value #REJECT}·n: G is then numerically of lower rank.
 *
 * <p><b>Flat spectra.</b> On request the factorisation stops after its first block when that block
 * captured no more of the trace than a flat spectrum would: with r pivots accepted, when
 * 1 − Σr_i/n ≤ {@value #FLAT_FACTOR}·r/n (for n ≥ {@value #FLAT_MIN_N}; G's diagonal is 1, so a
 * spectrum of n equal eigenvalues loses exactly r/n). Then no eigenvalue stands out from the bulk,
 * and a rank-k preconditioner cannot do better than the diagonal (the attention scaling
 * A = randn·d^(-1/4) is such a case, A = randn/√d is not: see
 * bench/notes/2026-12-01-attention-auto-rpcholesky.md).
 *
 * <p>Randomness: uniform variates (seed, stream {@value #STREAM}, draw) from {@link CounterRandom},
 * so the factor is a function of A, k and the seed only.
 */
final class RandomlyPivotedCholesky {

    static final int BLOCK = 32;
    static final double REJECT = 1e-12;
    static final long STREAM = 41;
    /** A first block capturing at most this many times r/n of the trace counts as flat. */
    static final double FLAT_FACTOR = 2.0;
    /** Smallest n for which the flatness test is made (below it, one block is too much of n). */
    static final int FLAT_MIN_N = 16 * BLOCK;

    /**
     * The factor (n×rank, a packed copy), the trace of the residual G − FFᵀ, the pivots, and whether
     * the factorisation stopped after its first block because the spectrum is flat.
     */
    record Factor(DenseMatrix f, double residualTrace, int[] pivots, boolean flat) {
    }

    private RandomlyPivotedCholesky() {
    }

    static Factor factor(ExpGramOperator op, int k, long seed, Kernels kernels) {
        return factor(op, k, seed, kernels, false);
    }

    /**
     * As {@link #factor(ExpGramOperator, int, long, Kernels)}; with
     * {@code stopIfFlat}, stops after the first block on a flat spectrum ({@link Factor#flat()}).
     */
    static Factor factor(ExpGramOperator op, int k, long seed, Kernels kernels,
                         boolean stopIfFlat) {
        int n = op.size();
        DenseMatrix f = DenseMatrix.zeros(n, k);
        double[] fd = f.data();
        double[] resid = new double[n];
        Arrays.fill(resid, 1.0);
        int[] pivots = new int[k];
        int rank = 0;
        long draw = 0;
        long key = CounterRandom.key(seed, STREAM);
        int stalls = 0;
        boolean flat = false;
        double trace = n; // Σ resid, kept up to date after every block
        while (rank < k && trace > REJECT * n) {
            int want = Math.min(BLOCK, k - rank);
            int[] s = samplePivots(resid, want, key, draw);
            draw += 4L * want;
            DenseMatrix c = op.columns(Form.GAUSSIAN, s);
            int q = s.length;
            if (rank > 0) {
                DenseMatrix fs = DenseMatrix.zeros(q, rank);
                for (int j = 0; j < q; j++) {
                    System.arraycopy(fd, f.index(s[j], 0), fs.data(), fs.index(j, 0), rank);
                }
                kernels.gemm().gemm(Op.N, Op.T, -1.0, f.view(0, 0, n, rank), fs, 1.0, c);
            }
            boolean first = rank == 0;
            int accepted = factorBlock(c, s, resid, Math.min(q, k - rank), f, rank, pivots);
            rank += accepted;
            trace = 0;
            for (double v : resid) {
                trace += v;
            }
            if (stopIfFlat && first && rank < k && n >= FLAT_MIN_N && 1 - trace / n <= FLAT_FACTOR * rank / n) {
                flat = true;
                break;
            }
            stalls = accepted == 0 ? stalls + 1 : 0;
            if (stalls >= 3) {
                break; // every sampled pivot was already represented: G is numerically of lower rank
            }
        }
        DenseMatrix packed = rank == k ? f : f.view(0, 0, n, rank).copy();
        return new Factor(packed, trace, Arrays.copyOf(pivots, rank), flat);
    }

    /**
     * Factors the block's residual columns C (n×q, C[:, j] = (G − FFᵀ)[:, s_j]) column by column:
     * pivot s_j is accepted when its residual diagonal C[s_j, j] exceeds {@value #REJECT} and fewer
     * than {@code room} pivots were accepted before it. Its column C[:, j]/√C[s_j, j] then updates
     * the residual diagonal and the later columns of the block (C[:, jj] −= col·col[s_jj]), and
     * stays in C in place of C[:, j]. The accepted columns are appended to F at column {@code rank0}
     * in one pass at the end.
     *
     * <p>Every pass runs along the rows of C (row-major, q doubles a row): walking it column by
     * column touches a new cache line per element
     * (bench/notes/2026-12-01-attention-auto-rpcholesky.md).
     *
     * @return the number of pivots accepted
     */
    private static int factorBlock(DenseMatrix c, int[] s, double[] resid, int room, DenseMatrix f, int rank0,
                                   int[] pivots) {
        int n = c.rows();
        int q = s.length;
        double[] cd = c.data();
        double[] g = new double[q];
        int[] live = new int[q]; // the later columns jj with g[jj] != 0: the only ones the pass changes
        int[] acceptedColumns = new int[q];
        int accepted = 0;
        for (int j = 0; j < q; j++) {
            int piv = s[j];
            double v = cd[c.index(piv, j)];
            if (!(v > REJECT) || accepted >= room) {
                continue;
            }
            double inv = 1 / Math.sqrt(v);
            int lives = 0;
            for (int jj = j + 1; jj < q; jj++) { // col[s_jj], read before the pass changes column j
                g[jj] = cd[c.index(s[jj], j)] * inv;
                if (g[jj] != 0) {
                    live[lives++] = jj;
                }
            }
            for (int i = 0; i < n; i++) {
                int ci = c.index(i, 0);
                double x = cd[ci + j] * inv;
                cd[ci + j] = x;
                resid[i] = Math.max(0.0, resid[i] - x * x);
                for (int l = 0; l < lives; l++) {
                    int jj = live[l];
                    cd[ci + jj] -= x * g[jj];
                }
            }
            resid[piv] = 0;
            pivots[rank0 + accepted] = piv;
            acceptedColumns[accepted++] = j;
        }
        double[] fd = f.data();
        for (int i = 0; i < n; i++) {
            int ci = c.index(i, 0);
            int fi = f.index(i, rank0);
            for (int t = 0; t < accepted; t++) {
                fd[fi + t] = cd[ci + acceptedColumns[t]];
            }
        }
        return accepted;
    }

    /** Up to {@code want} distinct indices drawn with probability ∝ resid (with replacement, deduplicated). */
    private static int[] samplePivots(double[] resid, int want, long key, long draw) {
        int n = resid.length;
        double[] cum = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += resid[i];
            cum[i] = s;
        }
        int[] out = new int[want];
        int q = 0;
        for (int t = 0; t < 4 * want && q < want; t++) {
            double target = (CounterRandom.bitsWithKey(key, draw + t) >>> 11) * 0x1.0p-53 * s;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) { // the first i with cum[i] > target
                int mid = (lo + hi) >>> 1;
                if (cum[mid] > target) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            int i = lo;
            while (i > 0 && resid[i] == 0) { // only when rounding put target at the very end
                i--;
            }
            boolean seen = resid[i] == 0;
            for (int j = 0; j < q && !seen; j++) {
                seen = out[j] == i;
            }
            if (!seen) {
                out[q++] = i;
            }
        }
        return Arrays.copyOf(out, q);
    }
}
