package akr.kernels.qr;

import akr.kernels.Checks;
import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;

/**
 * Householder QR with column pivoting, A·P = Q·R (LAPACK dgeqpf/dlaqp2): at step j the remaining
 * column of largest norm is swapped to position j, so |R(0,0)| ≥ |R(1,1)| ≥ … and the numerical
 * rank shows as the number of diagonal entries above a threshold. Column norms are downdated after
 * each step (‖x‖² − R(j,l)²) and recomputed when cancellation has eaten more than half of their
 * digits (the LAPACK 3.x test with tolerance √u), so they stay accurate.
 *
 * <p>This is the rank-revealing route; it is unblocked (one reflector at a time, applied with the
 * tier's row kernels) because each pivot choice needs the norms after the previous reflector. The
 * input is not modified.
 */
public final class PivotedHouseholderQr {

    private static final double NORM_RECOMPUTE = Math.sqrt(0x1.0p-52);

    private final DenseMatrix store;
    private final double[] tau;
    private final int[] permutation;
    private final Householder householder;

    private PivotedHouseholderQr(DenseMatrix a, Householder hh) {
        this.householder = hh;
        this.store = a.copy();
        int m = a.rows();
        int n = a.cols();
        int k = Math.min(m, n);
        this.tau = new double[k];
        this.permutation = new int[n];
        double[] d = store.data();
        int ld = store.ld();
        double[] norms = new double[n];
        double[] reference = new double[n];
        for (int j = 0; j < n; j++) {
            permutation[j] = j;
            norms[j] = m == 0 ? 0 : Householder.columnNorm(d, store.index(0, j), ld, m);
            reference[j] = norms[j];
        }
        double[] w = new double[n + Householder.ALIGN];
        for (int j = 0; j < k; j++) {
            int p = j;
            for (int l = j + 1; l < n; l++) {
                if (norms[l] > norms[p]) {
                    p = l;
                }
            }
            if (p != j) {
                for (int i = 0; i < m; i++) {
                    int x = store.index(i, j);
                    int y = store.index(i, p);
                    double t = d[x];
                    d[x] = d[y];
                    d[y] = t;
                }
                int tp = permutation[j];
                permutation[j] = permutation[p];
                permutation[p] = tp;
                norms[p] = norms[j];
                reference[p] = reference[j];
            }
            int below = m - j - 1;
            double xnorm = below == 0 ? 0 : Householder.columnNorm(d, store.index(j + 1, j), ld, below);
            double t = Householder.generate(d, store.index(j, j), ld, below, xnorm);
            tau[j] = t;
            if (j + 1 < n && t != 0) {
                hh.reflect(t, d, store.index(Math.min(j + 1, m - 1), j), ld, below, d, store.index(j, j + 1), ld,
                        n - j - 1, 0, w);
            }
            for (int l = j + 1; l < n; l++) {
                if (norms[l] == 0) {
                    continue;
                }
                double ratio = Math.abs(d[store.index(j, l)]) / norms[l];
                double keep = Math.max(0, (1 - ratio) * (1 + ratio));
                double scaled = norms[l] / reference[l];
                if (keep * scaled * scaled <= NORM_RECOMPUTE) {
                    norms[l] = below == 0 ? 0 : Householder.columnNorm(d, store.index(j + 1, l), ld, below);
                    reference[l] = norms[l];
                } else {
                    norms[l] *= Math.sqrt(keep);
                }
            }
        }
    }

    /** Factors a copy of A with the default kernels. */
    public static PivotedHouseholderQr factor(DenseMatrix a) {
        return factor(a, Kernels.defaults());
    }

    /** Factors a copy of A with the given kernels (the Householder family of their tier). */
    public static PivotedHouseholderQr factor(DenseMatrix a, Kernels kernels) {
        Checks.notNull("a", a);
        Checks.notNull("kernels", kernels);
        Checks.finite("a", a);
        return new PivotedHouseholderQr(a, kernels.householder());
    }

    /** The column permutation: column j of A·P is column {@code permutation()[j]} of A. */
    public int[] permutation() {
        return permutation.clone();
    }

    /** R as a new k×n upper trapezoidal matrix, k = min(m, n), with non-increasing |R(j,j)|. */
    public DenseMatrix r() {
        int k = tau.length;
        int n = store.cols();
        DenseMatrix r = DenseMatrix.zeros(k, n);
        for (int i = 0; i < k; i++) {
            System.arraycopy(store.data(), store.index(i, i), r.data(), i * n + i, n - i);
        }
        return r;
    }

    /** The number of diagonal entries of R with |R(j,j)| &gt; tol·|R(0,0)|. */
    public int rank(double tol) {
        if (!(tol >= 0)) {
            throw new IllegalArgumentException("tol: " + tol + " (must be >= 0)");
        }
        int k = tau.length;
        if (k == 0) {
            return 0;
        }
        double r00 = Math.abs(store.get(0, 0));
        int r = 0;
        while (r < k && Math.abs(store.get(r, r)) > tol * r00) {
            r++;
        }
        return r;
    }

    /** C ← Qᵀ·C in place (C has m rows). */
    public void applyQt(DenseMatrix c) {
        householder.apply(Op.T, store.view(0, 0, store.rows(), tau.length), tau, 0, c);
    }

    /** C ← Q·C in place (C has m rows). */
    public void applyQ(DenseMatrix c) {
        householder.apply(Op.N, store.view(0, 0, store.rows(), tau.length), tau, 0, c);
    }

    /** The first k columns of Q, a new m×k matrix with A·P = Q_thin·R. */
    public DenseMatrix thinQ() {
        int k = tau.length;
        DenseMatrix q = DenseMatrix.zeros(store.rows(), k);
        for (int i = 0; i < k; i++) {
            q.set(i, i, 1.0);
        }
        applyQ(q);
        return q;
    }
}
