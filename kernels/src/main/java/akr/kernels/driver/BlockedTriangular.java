package akr.kernels.driver;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;

/**
 * Blocked triangular solves shared by the scalar and SIMD tiers: almost all the work is done by the
 * tier's {@link Gemm}, so the tiers differ only in their GEMM micro-kernel.
 *
 * <p><b>trsm.</b> op(T) is cut into diagonal blocks of {@value #NB}. Every diagonal block is inverted
 * once (triangular substitution on the identity, O(n·NB²) flops). Then, for the right side
 * X·op(T) = αB with op(T) upper, block column by block column:
 * <pre>
 *   B_j ← B_j − X_{&lt;j}·op(T)[&lt;j, j]      (GEMM, k = j·NB)
 *   X_j ← B_j·op(T)_jj⁻¹                   (GEMM with the inverted diagonal block)
 * </pre>
 * and symmetrically backwards for lower op(T) and for the left side (block rows). Rows of B are
 * independent for the right side and columns for the left side, so B is split into row (column)
 * chunks fixed by the shape and solved in parallel; each element's arithmetic does not depend on
 * the chunking, so results are identical for any thread count.
 *
 * <p><b>Right side, small order</b> (≤ {@value #FUSED_MAX_ORDER}, e.g. W·R⁻¹ for a tall W with a few
 * dozen columns): the same recurrence is run a group of mr rows at a time through all block columns
 * ({@link #solveRightFused}), so B is read and written once instead of once per block column, and
 * the GEMM calls become direct calls of the tier's register tile on row-major operands.
 *
 * <p><b>Accuracy.</b> Substitution with inverted diagonal blocks is backward stable block by
 * block; the forward error is bounded by a modest multiple of κ(T)·u·|X| (with κ of the NB×NB
 * diagonal blocks entering through their inverses), the classical bound for blocked TRSM with
 * explicit diagonal-block inverses.
 *
 * <p><b>trsv.</b> Plain substitution (memory-bound: each element of T is used once), by dot
 * products along rows of T for op = N and by row updates for op = T, so T is read contiguously.
 */
public abstract class BlockedTriangular extends Triangular {

    /** Order of the diagonal blocks. */
    public static final int NB = 32;
    /** Elements of B per parallel chunk, at least. */
    private static final long CHUNK_GRAIN = 1 << 15;
    /** Columns per chunk of B for the left side, at least (narrower GEMMs lose efficiency). */
    private static final int MIN_LEFT_CHUNK_COLUMNS = 64;

    private static final ThreadLocal<double[]> TEMP = new ThreadLocal<>();

    /**
     * Largest order of T for which the right side is solved by {@link #solveRightFused}: its packed
     * operands (fewer than order² + order·NB elements) stay in L1/L2 next to the rows being solved.
     */
    public static final int FUSED_MAX_ORDER = 128;

    private static final ThreadLocal<double[]> FUSED = new ThreadLocal<>();

    private final BlockedGemm gemm;
    /** The GEMM tier's register tile on row-major operands, for {@link #solveRightFused}. */
    private final GemmMicroKernel tile;

    protected BlockedTriangular(ParallelExecutor executor, BlockedGemm gemm) {
        super(executor);
        this.gemm = gemm;
        this.tile = gemm.microKernel();
    }

    @Override
    protected void trsmK(Side side, Uplo uplo, Op op, Diag diag, double alpha, DenseMatrix t, DenseMatrix b) {
        int m = b.rows();
        int n = b.cols();
        if (m == 0 || n == 0) {
            return;
        }
        if (alpha != 1) {
            scale(b, alpha);
        }
        if (alpha == 0) {
            return;
        }
        int order = t.rows();
        boolean upper = (uplo == Uplo.UPPER) == (op == Op.N); // op(T) upper triangular
        DenseMatrix[] inverses = invertDiagonalBlocks(t, op, diag, upper);
        if (side == Side.RIGHT && order <= FUSED_MAX_ORDER) {
            RightSteps steps = new RightSteps(t, op, upper, inverses, tile.tileCols());
            int chunks = ParallelExecutor.chunksFor((long) m * n, CHUNK_GRAIN, Math.max(1, m));
            executor.forEachChunk(0, m, chunks, (c, lo, hi) -> solveRightFused(steps, b, lo, hi));
        } else if (side == Side.RIGHT) {
            int chunks = ParallelExecutor.chunksFor((long) m * n, CHUNK_GRAIN, Math.max(1, m));
            executor.forEachChunk(0, m, chunks,
                    (c, lo, hi) -> solveRight(t, op, upper, inverses, b.rows(lo, hi - lo), order));
        } else {
            int chunks = ParallelExecutor.chunksFor((long) m * n, CHUNK_GRAIN, Math.max(1, n / MIN_LEFT_CHUNK_COLUMNS));
            executor.forEachChunk(0, n, chunks,
                    (c, lo, hi) -> solveLeft(t, op, upper, inverses, b.cols(lo, hi - lo), order));
        }
    }

    /** X·op(T) = B for a block of rows of B, overwriting it with X. */
    private void solveRight(DenseMatrix t, Op op, boolean upper, DenseMatrix[] inv, DenseMatrix b, int order) {
        int blocks = inv.length;
        for (int s = 0; s < blocks; s++) {
            int q = upper ? s : blocks - 1 - s;
            int j0 = q * NB;
            int nb = Math.min(NB, order - j0);
            int j1 = j0 + nb;
            DenseMatrix bj = b.cols(j0, nb);
            if (upper && j0 > 0) {
                gemm.gemm(Op.N, op, -1.0, b.cols(0, j0), opBlock(t, op, 0, j0, j0, nb), 1.0, bj);
            } else if (!upper && j1 < order) {
                gemm.gemm(Op.N, op, -1.0, b.cols(j1, order - j1), opBlock(t, op, j1, j0, order - j1, nb), 1.0, bj);
            }
            DenseMatrix tmp = temp(b.rows(), nb);
            tmp.copyFrom(bj);
            gemm.gemm(Op.N, Op.N, 1.0, tmp, inv[q], 0.0, bj);
        }
    }

    /**
     * The operands of {@link #solveRightFused}, packed once per call: for each step s (block column q
     * of op(T), in solving order), the update block −op(T)[prev, q] (prev = the columns solved
     * before q: [0, j0) for upper op(T), [j0 + nb, order) for lower) and the inverse of the diagonal
     * block, both row-major with their width nb padded by zeros to a multiple of nr.
     */
    private static final class RightSteps {
        final int count;
        final int order;
        final int widest;
        final int[] col0;
        final int[] width;
        final int[] padded;
        final int[] prev0;
        final int[] prevLen;
        final double[][] update;
        final double[][] inverse;
        final boolean upper;

        RightSteps(DenseMatrix t, Op op, boolean upper, DenseMatrix[] inv, int nr) {
            this.upper = upper;
            order = t.rows();
            count = inv.length;
            col0 = new int[count];
            width = new int[count];
            padded = new int[count];
            prev0 = new int[count];
            prevLen = new int[count];
            update = new double[count][];
            inverse = new double[count][];
            int w = 0;
            for (int s = 0; s < count; s++) {
                int q = upper ? s : count - 1 - s;
                int j0 = q * NB;
                int nb = Math.min(NB, order - j0);
                int nbp = (nb + nr - 1) / nr * nr;
                w = Math.max(w, nbp);
                col0[s] = j0;
                width[s] = nb;
                padded[s] = nbp;
                prev0[s] = upper ? 0 : j0 + nb;
                prevLen[s] = upper ? j0 : order - j0 - nb;
                double[] u = new double[prevLen[s] * nbp];
                for (int p = 0; p < prevLen[s]; p++) {
                    for (int j = 0; j < nb; j++) {
                        u[p * nbp + j] = -opElement(t, op, prev0[s] + p, j0 + j);
                    }
                }
                update[s] = u;
                double[] z = new double[nb * nbp];
                DenseMatrix iq = inv[q];
                for (int p = 0; p < nb; p++) {
                    for (int j = 0; j < nb; j++) {
                        z[p * nbp + j] = iq.get(p, j);
                    }
                }
                inverse[s] = z;
            }
            widest = w;
        }
    }

    /**
     * X·op(T) = B for rows [lo, hi) of B with order ≤ {@value #FUSED_MAX_ORDER}, in one pass over
     * those rows: mr rows at a time (a few KB, in L1) go through every block column of op(T) while
     * they are in cache, with the tier's register tile doing
     * <pre>
     *   Y   ← B[rows, q] + X[rows, prev]·(−op(T)[prev, q])
     *   X[rows, q] ← Y·op(T)_qq⁻¹           (only the triangle of the inverse: k = min(nb, j+nr) or nb − j)
     * </pre>
     * The arithmetic of each element is that of {@link #solveRight} (same products, same order,
     * the update summed from zero and added once; the products skipped are the inverse's structural
     * zeros), and every row is solved alone, so the result does not depend on the chunking. A last
     * group of fewer than mr rows is solved in a zero-padded scratch copy.
     */
    private void solveRightFused(RightSteps st, DenseMatrix b, int lo, int hi) {
        int mr = tile.tileRows();
        int order = st.order;
        int area = mr * st.widest;
        double[] s = fusedBuffer(2 * area + mr * order);
        double[] bd = b.data();
        int ld = b.ld();
        for (int r = lo; r < hi; r += mr) {
            int rows = Math.min(mr, hi - r);
            if (rows == mr) {
                solveRightTile(st, bd, b.index(r, 0), ld, s, area);
            } else {
                int pad = 2 * area;
                java.util.Arrays.fill(s, pad, pad + mr * order, 0.0);
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(bd, b.index(r + i, 0), s, pad + i * order, order);
                }
                solveRightTile(st, s, pad, order, s, area);
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(s, pad + i * order, bd, b.index(r + i, 0), order);
                }
            }
        }
    }

    /** One group of mr rows (row i at x[base + i·ld]) through all steps; scratch y at 0, out at {@code area}. */
    private void solveRightTile(RightSteps st, double[] x, int base, int ld, double[] s, int area) {
        int mr = tile.tileRows();
        int nr = tile.tileCols();
        for (int step = 0; step < st.count; step++) {
            int j0 = st.col0[step];
            int nb = st.width[step];
            int nbp = st.padded[step];
            for (int i = 0; i < mr; i++) {
                System.arraycopy(x, base + i * ld + j0, s, i * nbp, nb);
                java.util.Arrays.fill(s, i * nbp + nb, (i + 1) * nbp, 0.0);
            }
            int k = st.prevLen[step];
            if (k > 0) {
                double[] u = st.update[step];
                for (int jt = 0; jt < nbp; jt += nr) {
                    tile.multiplyRows(k, x, base + st.prev0[step], ld, u, jt, nbp, s, jt, nbp);
                }
            }
            java.util.Arrays.fill(s, area, area + mr * nbp, 0.0);
            double[] z = st.inverse[step];
            for (int jt = 0; jt < nb; jt += nr) {
                if (st.upper) {
                    tile.multiplyRows(Math.min(nb, jt + nr), s, 0, nbp, z, jt, nbp, s, area + jt, nbp);
                } else {
                    tile.multiplyRows(nb - jt, s, jt, nbp, z, jt * nbp + jt, nbp, s, area + jt, nbp);
                }
            }
            for (int i = 0; i < mr; i++) {
                System.arraycopy(s, area + i * nbp, x, base + i * ld + j0, nb);
            }
        }
    }

    private static double[] fusedBuffer(int size) {
        double[] buf = FUSED.get();
        if (buf == null || buf.length < size) {
            buf = new double[size];
            FUSED.set(buf);
        }
        return buf;
    }

    /** op(T)·X = B for a block of columns of B, overwriting it with X. */
    private void solveLeft(DenseMatrix t, Op op, boolean upper, DenseMatrix[] inv, DenseMatrix b, int order) {
        int blocks = inv.length;
        for (int s = 0; s < blocks; s++) {
            int q = upper ? blocks - 1 - s : s;
            int i0 = q * NB;
            int nb = Math.min(NB, order - i0);
            int i1 = i0 + nb;
            DenseMatrix bi = b.rows(i0, nb);
            if (!upper && i0 > 0) {
                gemm.gemm(op, Op.N, -1.0, opBlock(t, op, i0, 0, nb, i0), b.rows(0, i0), 1.0, bi);
            } else if (upper && i1 < order) {
                gemm.gemm(op, Op.N, -1.0, opBlock(t, op, i0, i1, nb, order - i1), b.rows(i1, order - i1), 1.0, bi);
            }
            DenseMatrix tmp = temp(nb, b.cols());
            tmp.copyFrom(bi);
            gemm.gemm(Op.N, Op.N, 1.0, inv[q], tmp, 0.0, bi);
        }
    }

    /**
     * The view V with op(V) = op(T)[r0:r0+nr, c0:c0+nc]: the block itself for op = N, the
     * transposed block of T for op = T.
     */
    private static DenseMatrix opBlock(DenseMatrix t, Op op, int r0, int c0, int nr, int nc) {
        return op == Op.N ? t.view(r0, c0, nr, nc) : t.view(c0, r0, nc, nr);
    }

    /** Packed inverses of the diagonal NB×NB blocks of op(T) (the last one may be smaller). */
    private static DenseMatrix[] invertDiagonalBlocks(DenseMatrix t, Op op, Diag diag, boolean upper) {
        int order = t.rows();
        int blocks = (order + NB - 1) / NB;
        DenseMatrix[] inv = new DenseMatrix[blocks];
        for (int q = 0; q < blocks; q++) {
            int j0 = q * NB;
            int nb = Math.min(NB, order - j0);
            double[] z = new double[nb * nb];
            // column c of the inverse solves M z_c = e_c, M = op(T)_qq; it has the triangle of M
            for (int c = 0; c < nb; c++) {
                if (upper) {
                    for (int i = c; i >= 0; i--) {
                        double s = i == c ? 1.0 : 0.0;
                        for (int p = i + 1; p <= c; p++) {
                            s -= opElement(t, op, j0 + i, j0 + p) * z[p * nb + c];
                        }
                        z[i * nb + c] = diag == Diag.UNIT ? s : s / opElement(t, op, j0 + i, j0 + i);
                    }
                } else {
                    for (int i = c; i < nb; i++) {
                        double s = i == c ? 1.0 : 0.0;
                        for (int p = c; p < i; p++) {
                            s -= opElement(t, op, j0 + i, j0 + p) * z[p * nb + c];
                        }
                        z[i * nb + c] = diag == Diag.UNIT ? s : s / opElement(t, op, j0 + i, j0 + i);
                    }
                }
            }
            inv[q] = DenseMatrix.wrap(z, nb, nb);
        }
        return inv;
    }

    private static double opElement(DenseMatrix t, Op op, int i, int j) {
        double[] d = t.data();
        return op == Op.N ? d[t.index(i, j)] : d[t.index(j, i)];
    }

    /** A per-thread scratch matrix of rows×cols (packed). */
    private static DenseMatrix temp(int rows, int cols) {
        int size = Math.max(1, rows * cols);
        double[] buf = TEMP.get();
        if (buf == null || buf.length < size) {
            buf = new double[size];
            TEMP.set(buf);
        }
        return new DenseMatrix(buf, 0, rows, cols, Math.max(1, cols));
    }

    private static void scale(DenseMatrix b, double alpha) {
        double[] d = b.data();
        for (int i = 0; i < b.rows(); i++) {
            int base = b.index(i, 0);
            for (int j = 0; j < b.cols(); j++) {
                d[base + j] = alpha == 0 ? 0.0 : alpha * d[base + j];
            }
        }
    }

    @Override
    protected void trsvK(Uplo uplo, Op op, Diag diag, DenseMatrix t, double[] x, int xOff) {
        int n = t.rows();
        double[] d = t.data();
        boolean unit = diag == Diag.UNIT;
        if (op == Op.N) {
            // dot products along the rows of T
            if (uplo == Uplo.LOWER) {
                for (int i = 0; i < n; i++) {
                    int row = t.index(i, 0);
                    double s = x[xOff + i];
                    for (int j = 0; j < i; j++) {
                        s -= d[row + j] * x[xOff + j];
                    }
                    x[xOff + i] = unit ? s : s / d[row + i];
                }
            } else {
                for (int i = n - 1; i >= 0; i--) {
                    int row = t.index(i, 0);
                    double s = x[xOff + i];
                    for (int j = i + 1; j < n; j++) {
                        s -= d[row + j] * x[xOff + j];
                    }
                    x[xOff + i] = unit ? s : s / d[row + i];
                }
            }
            return;
        }
        // op = T: Tᵀx = b; row i of T holds column i of Tᵀ, so finish x_i and update the rest by it
        if (uplo == Uplo.UPPER) { // Tᵀ lower: forward
            for (int i = 0; i < n; i++) {
                int row = t.index(i, 0);
                double xi = unit ? x[xOff + i] : x[xOff + i] / d[row + i];
                x[xOff + i] = xi;
                for (int j = i + 1; j < n; j++) {
                    x[xOff + j] -= d[row + j] * xi;
                }
            }
        } else { // Tᵀ upper: backward
            for (int i = n - 1; i >= 0; i--) {
                int row = t.index(i, 0);
                double xi = unit ? x[xOff + i] : x[xOff + i] / d[row + i];
                x[xOff + i] = xi;
                for (int j = 0; j < i; j++) {
                    x[xOff + j] -= d[row + j] * xi;
                }
            }
        }
    }
}
