package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.expgram.ExpGram.Form;
import akr.kernels.expgram.ExpGramOperator;
import akr.kernels.random.CounterRandom;

import java.util.Arrays;

/**
 * Randomly pivoted Cholesky (Chen, Epperly, Tropp, Webber 2023) of the Gaussian kernel G: a factor F
 * (n×k) with G ≈ F·Fᵀ, from diag(G) = 1 and k columns of G only (O(n·k·d) kernel work, or none on a
 * materialised matrix; O(n·k²) arithmetic, O(n·k) memory).
 *
 * <p>Each step samples a pivot s with probability proportional to the residual diagonal
 * r = diag(G − FFᵀ) and appends the column (G − FFᵀ)[:, s]/√r_s. It is run in blocks of
 * {@value #BLOCK} pivots (the block variant of Epperly et al.): the block's columns of G come from
 * one call of the column source, the update by the previous factor is one GEMM, and the block is then
 * factored column by column, rejecting pivots whose residual diagonal has fallen below
 * {@value #REJECT} (already represented, e.g. a duplicate of an earlier pivot). The residual
 * G − FFᵀ stays positive semidefinite, and its trace Σr_i is returned with the factor.
 *
 * <p><b>Stopping</b> ({@link Rule}). The factor grows until its rank reaches the cap, or G is
 * numerically of lower rank (Σr_i ≤ {@value #REJECT}·n). With an adaptive rule it also stops when
 * <ul>
 *   <li>a block captured no more of the residual trace than a flat spectrum would: with q pivots
 *       accepted out of the m = n − rank not yet taken, when it captured at most
 *       {@value #FLAT_FACTOR}·q/m of the trace before it. Then no eigenvalue of the residual stands
 *       out from the bulk, and a larger factor cannot shorten PCG (the attention scaling
 *       A = randn·d^(-1/4) is flat from the first block, A = randn/√d is not: see
 *       bench/notes/2026-12-01-attention-auto-rpcholesky.md). Tested for n ≥ {@value #FLAT_MIN_N};</li>
 *   <li>the mean residual diagonal Σr_i/n falls to the mean ridge of the scaled system, which then
 *       dominates what the factor misses;</li>
 *   <li>with {@link Costs}: the PCG iterations the last block is estimated to have saved
 *       ({@link Costs#iterations}, before and after it) cost less than the block did.</li>
 * </ul>
 * {@link Factor#stop()} says which held. The factor is stored with room for more columns, grown by
 * doubling up to the cap (which the caller sizes to its memory budget), and returned as a view.
 *
 * <p>Randomness: uniform variates (seed, stream {@value #STREAM}, draw) from {@link CounterRandom},
 * so the factor is a function of A, the rule and the seed only.
 */
final class RandomlyPivotedCholesky {

    static final int BLOCK = 32;
    static final double REJECT = 1e-12;
    static final long STREAM = 41;
    /** A block capturing at most this many times its flat share of the residual trace counts as flat. */
    static final double FLAT_FACTOR = 2.0;
    /** Smallest n for which the flatness test is made (below it, one block is too much of n). */
    static final int FLAT_MIN_N = 16 * BLOCK;
    /** Blocks over which the cost rule smooths and weighs (see {@link Costs}). */
    static final int WINDOW = 4;
    /** Columns of the first allocation of an adaptive factor. */
    private static final int FIRST_CAPACITY = 256;

    /** The source of columns of G. */
    interface Columns {
        /** n, the order of G. */
        int size();

        /** The n×q matrix of the columns {@code cols} of G. */
        DenseMatrix gaussian(int[] cols);
    }

    /**
     * When to stop growing the factor.
     *
     * @param cap        the largest rank (≤ n)
     * @param capReason  what the cap stands for: FIXED, MAX_RANK or MEMORY_BUDGET
     * @param adaptive   whether the flat-spectrum and ridge tests apply
     * @param ridgeLevel the mean ridge diagonal of the scaled system (the ridge test's level)
     * @param flatThenStop whether a flat first block ends the factorisation at once (the AUTO
     *                   preconditioner then runs Jacobi instead)
     */
    record Rule(int cap, RankStop capReason, boolean adaptive, double ridgeLevel, boolean flatThenStop,
                Costs costs) {

        Rule(int cap, RankStop capReason, boolean adaptive, double ridgeLevel, boolean flatThenStop) {
            this(cap, capReason, adaptive, ridgeLevel, flatThenStop, null);
        }

        /** A fixed rank k: stops early only when G is numerically of lower rank. */
        static Rule fixed(int k) {
            return new Rule(k, RankStop.FIXED, false, 0, false);
        }
    }

    /**
     * What a larger factor costs and what it saves, for the adaptive rule's cost stop: a block of
     * pivots is worth taking while the PCG iterations it is estimated to save cost more than it does.
     *
     * @param tolerance the solve's relative tolerance (the iterations' log factor)
     */
    record Costs(double tolerance, java.util.function.IntToDoubleFunction iterationSeconds,
                 java.util.function.IntToDoubleFunction blockSeconds) {

        /**
         * PCG iterations to the tolerance with a factor that leaves eigenvalues up to {@code top} of
         * G uncaptured, ridge ν: κ ≈ 1 + top/ν, iterations ≈ ½√κ·ln(2/tolerance). A model of the
         * trend only: it says how much a block's capture shortens PCG, not the iteration count.
         */
        double iterations(double top, double ridge) {
            double nu = Math.max(ridge, AttentionSolver.MIN_SHIFT);
            return 0.5 * Math.sqrt(1 + top / nu) * Math.log(2 / tolerance);
        }
    }

    /**
     * The factor (an n×rank view), the trace of the residual G − FFᵀ, the pivots, why the rank is
     * what it is, whether the first block already found the spectrum flat, and the state from which
     * {@link #extend} continues it.
     */
    record Factor(DenseMatrix f, double residualTrace, int[] pivots, RankStop stop, boolean flatAtOnce, Run run) {

        /**
         * Continues the factorisation to rank {@code cap} (fixed, no adaptive stop): the same
         * pivots and columns as one run to that rank would have after this one stopped. {@link #f()}
         * must hold this factor's values again (a caller that scaled it in place restores it first);
         * this factor is no longer valid afterwards.
         */
        Factor extend(int cap, RankStop capReason) {
            return run.extend(new Rule(cap, capReason, false, 0, false));
        }
    }

    private RandomlyPivotedCholesky() {
    }

    /** The columns of G from the fused exp-Gram operator. */
    static Columns columnsOf(ExpGramOperator op) {
        return new Columns() {
            @Override
            public int size() {
                return op.size();
            }

            @Override
            public DenseMatrix gaussian(int[] cols) {
                return op.columns(Form.GAUSSIAN, cols);
            }
        };
    }

    /** A fixed-rank factor of rank ≤ k from the fused operator. */
    static Factor factor(ExpGramOperator op, int k, long seed, Kernels kernels) {
        return factor(columnsOf(op), Rule.fixed(Math.min(k, op.size())), seed, kernels);
    }

    static Factor factor(Columns g, Rule rule, long seed, Kernels kernels) {
        return new Run(g, seed, kernels).extend(rule);
    }

    /** The state of one factorisation: the factor so far, the residual diagonal and the random draws. */
    static final class Run {
        private final Columns g;
        private final Kernels kernels;
        private final long key;
        private final int n;
        private DenseMatrix f;
        private final double[] resid;
        private int[] pivots = new int[0];
        private int rank;
        private long draw;
        private double trace; // Σ resid, kept up to date after every block

        private Run(Columns g, long seed, Kernels kernels) {
            this.g = g;
            this.kernels = kernels;
            this.key = CounterRandom.key(seed, STREAM);
            this.n = g.size();
            this.f = DenseMatrix.zeros(n, 0);
            this.resid = new double[n];
            Arrays.fill(resid, 1.0);
            this.trace = n;
        }

        /** Grows the factor until {@code rule} stops it. */
        Factor extend(Rule rule) {
            int cap = Math.min(rule.cap(), n);
            if (pivots.length < cap) {
                pivots = Arrays.copyOf(pivots, cap);
            }
            if (f.cols() < Math.min(cap, rank + BLOCK)) {
                f = grow(f, rank, rule.adaptive() ? Math.min(cap, Math.max(rank + BLOCK, FIRST_CAPACITY)) : cap);
            }
            int stalls = 0;
            RankStop stop = rule.capReason();
            boolean flatAtOnce = false;
            double[] logTops = new double[WINDOW]; // the cost rule's last WINDOW per-pivot captures (logs)
            double[] estimates = new double[WINDOW]; // and its iteration estimates, by block modulo WINDOW
            int blocks = 0;
            while (true) {
                if (rank >= cap) {
                    stop = rule.capReason();
                    break;
                }
                if (!(trace > REJECT * n)) {
                    stop = RankStop.NUMERICAL_RANK;
                    break;
                }
                int want = Math.min(BLOCK, cap - rank);
                if (rank + want > f.cols()) {
                    f = grow(f, rank, Math.min(cap, Math.max(rank + want, 2 * f.cols())));
                }
                int[] s = samplePivots(resid, want, key, draw);
                draw += 4L * want;
                DenseMatrix c = g.gaussian(s);
                int q = s.length;
                if (rank > 0) {
                    DenseMatrix fs = DenseMatrix.zeros(q, rank);
                    double[] fd = f.data();
                    for (int j = 0; j < q; j++) {
                        System.arraycopy(fd, f.index(s[j], 0), fs.data(), fs.index(j, 0), rank);
                    }
                    kernels.gemm().gemm(Op.N, Op.T, -1.0, f.view(0, 0, n, rank), fs, 1.0, c);
                }
                int before = rank;
                double traceBefore = trace;
                int accepted = factorBlock(c, s, resid, Math.min(q, cap - rank), f, rank, pivots);
                rank += accepted;
                trace = 0;
                for (double v : resid) {
                    trace += v;
                }
                boolean flat = accepted > 0 && n >= FLAT_MIN_N && n - before > 0
                        && traceBefore - trace <= FLAT_FACTOR * accepted * traceBefore / (n - before);
                if (flat && before == 0 && rule.flatThenStop() && rank < cap) {
                    flatAtOnce = true;
                    stop = RankStop.FLAT_SPECTRUM;
                    break;
                }
                if (rule.adaptive() && rank < cap) {
                    if (flat) {
                        stop = RankStop.FLAT_SPECTRUM;
                        break;
                    }
                    if (trace / n <= rule.ridgeLevel()) {
                        stop = RankStop.RIDGE;
                        break;
                    }
                    if (rule.costs() != null && accepted > 0) {
                        // what each pivot captured, about the largest eigenvalue still missed, smoothed over
                        // the last WINDOW blocks (one block's 32 random pivots are noisy); the rule compares
                        // the iterations saved over the window with what its blocks cost
                        logTops[blocks % WINDOW] = Math.log(Math.max((traceBefore - trace) / accepted, Double.MIN_NORMAL));
                        blocks++;
                        if (blocks >= WINDOW) {
                            double mean = 0;
                            for (double v : logTops) {
                                mean += v / WINDOW;
                            }
                            double iterations = rule.costs().iterations(Math.exp(mean), rule.ridgeLevel());
                            int back = blocks % WINDOW; // the slot of the estimate made WINDOW blocks ago
                            if (blocks >= 2 * WINDOW && (estimates[back] - iterations) * rule.costs().iterationSeconds()
                                    .applyAsDouble(rank) < WINDOW * rule.costs().blockSeconds().applyAsDouble(rank)) {
                                stop = RankStop.COST;
                                break;
                            }
                            estimates[back] = iterations;
                        }
                    }
                }
                stalls = accepted == 0 ? stalls + 1 : 0;
                if (stalls >= 3) {
                    stop = RankStop.NUMERICAL_RANK; // every sampled pivot was already represented
                    break;
                }
            }
            return new Factor(f.view(0, 0, n, rank), trace, Arrays.copyOf(pivots, rank), stop, flatAtOnce, this);
        }
    }

    /** A factor with room for {@code columns} columns holding the first {@code rank} of {@code f}. */
    private static DenseMatrix grow(DenseMatrix f, int rank, int columns) {
        int n = f.rows();
        DenseMatrix g = DenseMatrix.zeros(n, columns);
        for (int i = 0; rank > 0 && i < n; i++) {
            System.arraycopy(f.data(), f.index(i, 0), g.data(), g.index(i, 0), rank);
        }
        return g;
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
