package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.packed.PackedSymmetric;
import akr.kernels.packed.SymmetricProduct;
import akr.kernels.parallel.ParallelExecutor;

/**
 * {@link Route#MATERIALISED}'s form of H = G + λD⁻²: its lower triangle stored once in fp64
 * ({@link PackedSymmetric}, 4n² bytes), each product one memory-bound pass over it for all
 * right-hand sides ({@link SymmetricProduct}), and columns of G read from it instead of being
 * computed again. The entries are those the fused operator computes, so the stored form loses
 * nothing: PCG on it controls the same residual as on the fused operator.
 */
final class MaterialisedMatrix implements ScaledMatrix {

    private final PackedSymmetric h;
    private final double[] ridgeDiag;
    private final SymmetricProduct product;

    private MaterialisedMatrix(PackedSymmetric h, double[] ridgeDiag, SymmetricProduct product) {
        this.h = h;
        this.ridgeDiag = ridgeDiag;
        this.product = product;
    }

    /**
     * The bytes the stored triangle and the product's partial vectors take; {@link Long#MAX_VALUE}
     * beyond {@link PackedSymmetric#MAX_N}, where it cannot be stored.
     */
    static long bytes(int n) {
        if (n > PackedSymmetric.MAX_N) {
            return Long.MAX_VALUE;
        }
        return PackedSymmetric.bytes(n) + 8L * SymmetricProduct.MAX_PARTS * n;
    }

    /** Computes the triangle of H block by block ({@link ScaledBlocks}) into packed rows. */
    static MaterialisedMatrix build(ScaledSystem s) {
        int n = s.n;
        PackedSymmetric h = PackedSymmetric.zeros(n);
        double[] hd = h.data();
        ParallelExecutor ex = s.kernels.executor();
        ScaledBlocks.forEach(s, (i0, i1, block) -> {
            int w = i1 - i0;
            double[] bd = block.data();
            // packed row j (i0 ≤ j < i1) holds H[j, 0..j] = block[0..j, j − i0]: walk the block by rows,
            // appending to the w packed rows, each written in order
            ex.forEachChunk(0, i1, ParallelExecutor.chunksFor((long) i1 * w, 1 << 16, 64), (c, r0, r1) -> {
                for (int row = r0; row < r1; row++) {
                    int from = block.index(row, 0);
                    for (int j = Math.max(i0, row); j < i1; j++) {
                        hd[h.offset(j) + row] = bd[from + j - i0];
                    }
                }
            });
        });
        return new MaterialisedMatrix(h, s.ridgeDiag, s.kernels.symmetricProduct());
    }

    @Override
    public void multiply(double[][] x, double[][] y) {
        int r = x.length;
        if (r == 1) {
            product.multiply(h, x[0], y[0]);
            return;
        }
        int n = h.n();
        DenseMatrix xt = DenseMatrix.zeros(r, n);
        for (int c = 0; c < r; c++) {
            System.arraycopy(x[c], 0, xt.data(), xt.index(c, 0), n);
        }
        DenseMatrix yt = DenseMatrix.zeros(r, n);
        product.multiply(h, xt, yt);
        for (int c = 0; c < r; c++) {
            System.arraycopy(yt.data(), yt.index(c, 0), y[c], 0, n);
        }
    }

    @Override
    public DenseMatrix gaussianColumns(int[] cols) {
        int n = h.n();
        DenseMatrix out = DenseMatrix.zeros(n, cols.length);
        double[] hd = h.data();
        double[] od = out.data();
        for (int q = 0; q < cols.length; q++) {
            int c = cols[q];
            int rowC = h.offset(c);
            for (int i = 0; i < c; i++) { // H[i, c] = H[c, i]: packed row c
                od[out.index(i, q)] = hd[rowC + i];
            }
            for (int i = c; i < n; i++) { // H[i, c]: column c of the packed rows below
                od[out.index(i, q)] = hd[h.offset(i) + c];
            }
            od[out.index(c, q)] -= ridgeDiag[c];
        }
        return out;
    }

    @Override
    public long bytes() {
        return bytes(h.n());
    }
}
