package akr.kernels.qr;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

import java.util.ArrayList;
import java.util.List;

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
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
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
            levels.add(List.of(level));
            List<Integer> next = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                next.add(current.get(2 * p));
            }
            if (current.size() % 2 == 1) {
                next.add(current.get(current.size() - 1));
            }
            active = next;
        }
        this.r = rs[0];
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
