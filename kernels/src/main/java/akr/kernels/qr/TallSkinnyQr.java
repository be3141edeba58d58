package akr.kernels.qr;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tall-skinny QR (TSQR) of an m×n matrix, m ≫ n: the rows are cut into leaves of
 * {@code leafRows} rows (the last leaf takes the remainder, so every leaf has at least
 * {@code leafRows} ≥ n rows), each leaf is copied into the factor store and factored there while it
 * is in cache, and the leaves' n×n R factors are combined pairwise in a binary tree — leaves
 * (0,1), (2,3), …, then the survivors again — by the structured QR of two stacked triangles.
 *
 * <p>Q = diag(Q_leaf) · Q_tree is kept implicitly: each leaf's reflectors below its rows of the
 * store, each tree node's reflectors in the n×n triangle it leaves behind. A tree node acts on the n
 * "representative" rows of its two children, which are the first n rows of their first leaves.
 *
 * <p><b>Determinism.</b> Leaves, tree shape and the order of every sum depend only on m, n and
 * {@code leafRows}; leaves and the nodes of one tree level run in parallel on disjoint rows, so the
 * factors are bit-identical for any number of threads.
 */
final class TallSkinnyQr implements QrFactors {

    private record Combine(int left, int right, DenseMatrix v2, double[] tau) {
    }

    private final DenseMatrix store;
    private final Householder householder;
    private final ParallelExecutor executor;
    private final int n;
    private final int leaves;
    private final int leafRows;
    private final double[] leafTau;
    private final List<List<Combine>> levels = new ArrayList<>();
    private final DenseMatrix r;

    /** Factors {@code source} into {@code store} (the same matrix for the in-place form). */
    TallSkinnyQr(DenseMatrix source, DenseMatrix store, Householder householder, ParallelExecutor executor,
                 int leafRows) {
        this.store = store;
        this.householder = householder;
        this.executor = executor;
        this.n = store.cols();
        int m = store.rows();
        this.leafRows = leafRows;
        this.leaves = Math.max(1, m / leafRows);
        this.leafTau = new double[leaves * n];
        DenseMatrix[] rs = new DenseMatrix[leaves];
        executor.forEachChunk(0, leaves, leaves, (c, lo, hi) -> {
            for (int leaf = lo; leaf < hi; leaf++) {
                DenseMatrix block = leafRows(store, leaf);
                if (source != store) {
                    block.copyFrom(leafRows(source, leaf));
                }
                householder.factor(block, leafTau, leaf * n);
                rs[leaf] = upperTriangle(block);
            }
        });
        this.r = reduce(rs, householder, executor, levels);
    }

    /**
     * Combines the leaves' R factors pairwise — (0,1), (2,3), …, then the survivors again — and
     * returns the root's R. Each node's reflectors are recorded in {@code levels} when it is not null.
     */
    private static DenseMatrix reduce(DenseMatrix[] rs, Householder householder, ParallelExecutor executor,
                                      List<List<Combine>> levels) {
        int n = rs[0].cols();
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < rs.length; i++) {
            active.add(i);
        }
        while (active.size() > 1) {
            int pairs = active.size() / 2;
            Combine[] level = new Combine[pairs];
            List<Integer> current = active;
            executor.forEachChunk(0, pairs, pairs, (c, lo, hi) -> {
                for (int p = lo; p < hi; p++) {
                    int left = current.get(2 * p);
                    int right = current.get(2 * p + 1);
                    double[] t = new double[n];
                    householder.factorStacked(rs[left], rs[right], t, 0);
                    level[p] = new Combine(left, right, rs[right], t);
                }
            });
            if (levels != null) {
                levels.add(List.of(level));
            }
            List<Integer> next = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                next.add(current.get(2 * p));
            }
            if (current.size() % 2 == 1) {
                next.add(current.get(current.size() - 1));
            }
            active = next;
        }
        return rs[0];
    }

    /**
     * The R factor of [A | c] (c may be null: R of A alone) by the same leaves and tree as the
     * factorisation, without keeping Q: each leaf is gathered into a scratch block of its worker,
     * factored there and only its triangle kept, so A is read once and nothing of its size is
     * written. The result is bit-identical to the R of {@code new TallSkinnyQr} on the packed
     * matrix [A | c] with the same {@code leafRows}.
     *
     * @throws IllegalArgumentException naming the first non-finite entry, when a leaf's R is not
     *                                  finite because its rows are not
     * @throws ArithmeticException      when a leaf's R is not finite although its rows are (overflow)
     */
    static DenseMatrix rOnly(DenseMatrix a, double[] c, Householder householder, ParallelExecutor executor,
                             int leafRows) {
        int m = a.rows();
        int na = a.cols();
        int n = na + (c == null ? 0 : 1);
        int leaves = Math.max(1, m / leafRows);
        DenseMatrix[] rs = new DenseMatrix[leaves];
        AtomicInteger firstBad = new AtomicInteger(Integer.MAX_VALUE);
        int chunks = Math.min(leaves, 4 * executor.threads());
        executor.forEachChunk(0, leaves, chunks, (ch, lo, hi) -> {
            double[] scratch = new double[(2 * leafRows) * n];
            double[] tau = new double[n];
            for (int leaf = lo; leaf < hi; leaf++) {
                int start = leaf * leafRows;
                int rows = (leaf == leaves - 1 ? m : start + leafRows) - start;
                DenseMatrix block = DenseMatrix.wrap(scratch, rows, n);
                block.view(0, 0, rows, na).copyFrom(a.rows(start, rows));
                if (c != null) {
                    for (int i = 0; i < rows; i++) {
                        scratch[i * n + na] = c[start + i];
                    }
                }
                householder.factor(block, tau, 0);
                rs[leaf] = upperTriangle(block);
                if (!finiteTriangle(rs[leaf])) {
                    firstBad.accumulateAndGet(leaf, Math::min);
                }
            }
        });
        int bad = firstBad.get();
        if (bad != Integer.MAX_VALUE) {
            int start = bad * leafRows;
            int end = bad == leaves - 1 ? m : start + leafRows;
            int[] at = a.rows(start, end - start).firstNonFinite();
            if (c != null) { // the rows of c before A's first bad row
                Checks.finite("c", c, start, at == null ? end : start + at[0]);
            }
            if (at != null) { // the earlier leaves are finite, so this names the same entry, with its row in A
                Checks.finite("a", a.rows(0, end));
            }
            throw new ArithmeticException("overflow in the QR of rows [" + start + ", " + end
                    + "): scale the matrix down");
        }
        return reduce(rs, householder, executor, null);
    }

    private static boolean finiteTriangle(DenseMatrix t) {
        double s = 0;
        for (double v : t.data()) {
            s += v * 0.0; // NaN for any NaN or ±∞ entry
        }
        return s == 0;
    }

    private DenseMatrix leafRows(DenseMatrix a, int leaf) {
        int start = leaf * leafRows;
        int end = leaf == leaves - 1 ? a.rows() : start + leafRows;
        return a.rows(start, end - start);
    }

    private static DenseMatrix upperTriangle(DenseMatrix block) {
        int n = block.cols();
        DenseMatrix t = DenseMatrix.zeros(n, n);
        for (int i = 0; i < n; i++) {
            System.arraycopy(block.data(), block.index(i, i), t.data(), i * n + i, n - i);
        }
        return t;
    }

    @Override
    public DenseMatrix rView() {
        return r;
    }

    @Override
    public void applyQt(DenseMatrix c) {
        executor.forEachChunk(0, leaves, leaves, (ch, lo, hi) -> {
            for (int leaf = lo; leaf < hi; leaf++) {
                householder.apply(Op.T, leafRows(store, leaf), leafTau, leaf * n, leafRows(c, leaf));
            }
        });
        for (List<Combine> level : levels) {
            applyLevel(Op.T, level, c);
        }
    }

    @Override
    public void applyQ(DenseMatrix c) {
        for (int i = levels.size() - 1; i >= 0; i--) {
            applyLevel(Op.N, levels.get(i), c);
        }
        executor.forEachChunk(0, leaves, leaves, (ch, lo, hi) -> {
            for (int leaf = lo; leaf < hi; leaf++) {
                householder.apply(Op.N, leafRows(store, leaf), leafTau, leaf * n, leafRows(c, leaf));
            }
        });
    }

    private void applyLevel(Op op, List<Combine> level, DenseMatrix c) {
        executor.forEachChunk(0, level.size(), level.size(), (ch, lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                Combine cb = level.get(p);
                householder.applyStacked(op, cb.v2(), cb.tau(), 0, c.rows(cb.left() * leafRows, n),
                        c.rows(cb.right() * leafRows, n));
            }
        });
    }
}
