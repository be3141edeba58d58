package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.Op;
import akr.kernels.gemm.Gemm;
import akr.kernels.gemv.Gemv;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Diag;
import akr.kernels.triangular.Triangular.Side;
import akr.kernels.triangular.Triangular.Uplo;

import java.util.List;

/**
 * The passes over a distributed A that the power solver makes: each maps every partition to a
 * small partial (d or d² numbers) with the one-machine kernels and tree-reduces the partials, so
 * the traffic per pass is O(d²·partitions), independent of n. The small operands (R_s, z) travel
 * in the task closures.
 */
final class DistributedOps {

    /** Fan-in of the tree reductions: Spark's treeReduce depth. */
    static final int TREE_DEPTH = 2;
    /** Rows of Q₁ formed at once in the Cholesky-QR pass (one machine's block size). */
    static final int SUB_ROWS = 1024;

    private DistributedOps() {
    }

    /**
     * G = (A·R_s⁻¹)ᵀ(A·R_s⁻¹) (or AᵀA when rs is null) and, when the blocks carry b, Aᵀb: one
     * pass. Returns d² entries of G followed by the d entries of Aᵀb and ‖b‖² (zeros without b).
     */
    static double[] gramAndAtb(RowBlocks blocks, DenseMatrix rs) {
        int d = blocks.cols();
        double[] rsData = rs == null ? null : rs.copy().data();
        return blocks.rdd().mapPartitions(it -> {
            Kernels k = TaskKernels.get();
            Gemm gemm = k.gemm();
            Triangular tri = k.triangular();
            Gemv gemv = k.gemv();
            DenseMatrix r = rsData == null ? null : DenseMatrix.wrap(rsData, d, d);
            DenseMatrix g = DenseMatrix.zeros(d, d);
            double[] atb = new double[d];
            double[] part = new double[d];
            double bb = 0;
            DenseMatrix buf = r == null ? null : DenseMatrix.zeros(SUB_ROWS, d);
            while (it.hasNext()) {
                RowBlock blk = it.next();
                if (r == null) {
                    gemm.syrk(Op.T, 1.0, blk.matrix(), 1.0, g);
                } else {
                    // Q₁ = A·R_s⁻¹ a few rows at a time, never stored: the rows and their copy stay in L2
                    for (int r0 = 0; r0 < blk.rows(); r0 += SUB_ROWS) {
                        int rows = Math.min(SUB_ROWS, blk.rows() - r0);
                        DenseMatrix q = buf.rows(0, rows);
                        q.copyFrom(blk.matrix().rows(r0, rows));
                        tri.trsm(Side.RIGHT, Uplo.UPPER, Op.N, Diag.NON_UNIT, 1.0, r, q);
                        gemm.syrk(Op.T, 1.0, q, 1.0, g);
                    }
                }
                if (blk.b() != null) {
                    gemv.gemv(Op.T, 1.0, blk.matrix(), blk.b(), 0, 0.0, part, 0);
                    for (int i = 0; i < d; i++) {
                        atb[i] += part[i];
                    }
                    for (double v : blk.b()) {
                        bb += v * v;
                    }
                }
            }
            double[] out = new double[d * d + d + 1];
            // syrk fills the upper triangle only: mirror it so partials add entrywise
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    out[i * d + j] = i <= j ? g.get(i, j) : g.get(j, i);
                }
            }
            System.arraycopy(atb, 0, out, d * d, d);
            out[d * d + d] = bb;
            return List.of(out).iterator();
        }).treeReduce(DistributedOps::add, TREE_DEPTH);
    }

    /**
     * r = b − A·z over the distributed rows and g = Aᵀr, in one pass: each block's Aᵀr is summed
     * in compensated arithmetic by the kernel, and the block sums are added as (sum, error) pairs
     * (TwoSum), so g does not depend on the partitioning beyond a few ulps. Returns g (d entries)
     * followed by ‖r‖².
     */
    static double[] residualAndGradient(RowBlocks blocks, double[] z) {
        int d = blocks.cols();
        double[] zc = z.clone();
        double[] pair = blocks.rdd().mapPartitions(it -> {
            Gemv gemv = TaskKernels.get().gemv();
            double[] acc = new double[2 * d + 2];
            double[] g = new double[d];
            while (it.hasNext()) {
                RowBlock blk = it.next();
                double[] r = blk.b().clone();
                gemv.gemvThenTransposedCompensated(-1.0, blk.matrix(), zc, 0, 1.0, r, 0, g, 0);
                // layout: sums of g then ‖r‖² in [0, d], their error terms in [d + 1, 2d + 1]
                for (int i = 0; i < d; i++) {
                    twoSumInto(acc, i, d + 1 + i, g[i]);
                }
                double rr = 0;
                for (double v : r) {
                    rr += v * v;
                }
                twoSumInto(acc, d, 2 * d + 1, rr);
            }
            return List.of(acc).iterator();
        }).treeReduce(DistributedOps::addPairs, TREE_DEPTH);
        double[] out = new double[d + 1];
        for (int i = 0; i <= d; i++) {
            out[i] = pair[i] + pair[d + 1 + i];
        }
        return out;
    }

    /** AᵀA·v in one pass (compensated across blocks like {@link #residualAndGradient}). */
    static double[] gram(RowBlocks blocks, double[] v) {
        return gram(blocks, v, false);
    }

    /**
     * AᵀA·v in one pass; with {@code compensated} each block's Aᵀ(Av) is also summed in compensated
     * arithmetic, as the one-machine normal route's stage refinement does.
     */
    static double[] gram(RowBlocks blocks, double[] v, boolean compensated) {
        int d = blocks.cols();
        double[] vc = v.clone();
        double[] pair = blocks.rdd().mapPartitions(it -> {
            Gemv gemv = TaskKernels.get().gemv();
            double[] acc = new double[2 * d];
            double[] g = new double[d];
            while (it.hasNext()) {
                RowBlock blk = it.next();
                double[] scratch = new double[blk.rows()];
                if (compensated) {
                    gemv.gemvThenTransposedCompensated(1.0, blk.matrix(), vc, 0, 0.0, scratch, 0, g, 0);
                } else {
                    gemv.gemvThenTransposed(1.0, blk.matrix(), vc, 0, 0.0, scratch, 0, g, 0);
                }
                for (int i = 0; i < d; i++) {
                    twoSumInto(acc, i, d + i, g[i]);
                }
            }
            return List.of(acc).iterator();
        }).treeReduce(DistributedOps::addPairs, TREE_DEPTH);
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            out[i] = pair[i] + pair[d + i];
        }
        return out;
    }

    /** acc[s] + acc[e] += v exactly up to the error term (Knuth's TwoSum). */
    private static void twoSumInto(double[] acc, int s, int e, double v) {
        double a = acc[s];
        double t = a + v;
        double bp = t - a;
        double err = (a - (t - bp)) + (v - bp);
        acc[s] = t;
        acc[e] += err;
    }

    /** Merges two (sum[0..h), error[h..2h)) arrays by TwoSum of the sums. */
    static double[] addPairs(double[] x, double[] y) {
        int h = x.length / 2;
        double[] out = x.clone();
        for (int i = 0; i < h; i++) {
            out[h + i] += y[h + i];
            twoSumInto(out, i, h + i, y[i]);
        }
        return out;
    }

    static double[] add(double[] x, double[] y) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += y[i];
        }
        return out;
    }
}
