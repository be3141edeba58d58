package akr.solvers.attention;

import akr.kernels.DenseMatrix;
import akr.kernels.expgram.ExpGram;
import akr.kernels.expgram.ExpGram.Form;

/**
 * The scaled matrix H = G + λD⁻² computed one triangle at a time, for the routes that store it: block
 * column [i0, i1) above and on the diagonal, H[0:i1, i0:i1], from one call of the fused GEMM + exp
 * kernel on the first i1 points (so each entry of the triangle is computed once: n²d/2 multiply-adds
 * and n²/2 exponentials in all).
 */
final class ScaledBlocks {

    /** Columns per block: wide enough for the GEMM, narrow enough that a block stays small. */
    static final int WIDTH = 256;

    /** Receives each block in turn. */
    interface Sink {
        /**
         * @param i0    the first column of the block
         * @param i1    one past its last column
         * @param block H[0:i1, i0:i1] (i1 rows, i1 − i0 columns; the ridge is on its diagonal entries)
         */
        void accept(int i0, int i1, DenseMatrix block);
    }

    private ScaledBlocks() {
    }

    static void forEach(ScaledSystem s, Sink sink) {
        int n = s.n;
        int d = s.a.cols();
        ExpGram kernel = s.kernels.expGram();
        double[] buffer = new double[Math.multiplyExact(n, Math.min(WIDTH, n))];
        for (int i0 = 0; i0 < n; i0 += WIDTH) {
            int i1 = Math.min(n, i0 + WIDTH);
            int w = i1 - i0;
            int[] cols = new int[w];
            for (int j = 0; j < w; j++) {
                cols[j] = i0 + j;
            }
            DenseMatrix block = DenseMatrix.wrap(buffer, i1, w);
            kernel.columns(s.a.view(0, 0, i1, d), Form.GAUSSIAN, cols, block);
            for (int j = 0; j < w; j++) {
                block.set(i0 + j, j, block.get(i0 + j, j) + s.ridgeDiag[i0 + j]);
            }
            sink.accept(i0, i1, block);
        }
    }
}
