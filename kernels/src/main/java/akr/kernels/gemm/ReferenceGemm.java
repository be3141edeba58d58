package akr.kernels.gemm;

import akr.kernels.DenseMatrix;
import akr.kernels.Op;
import akr.kernels.parallel.ParallelExecutor;

/** Naive triple loop, one dot product per element of C, single-threaded: the test oracle. */
final class ReferenceGemm extends Gemm {

    ReferenceGemm(ParallelExecutor executor) {
        super(executor);
    }

    @Override
    protected void gemmK(Op opA, Op opB, double alpha, DenseMatrix a, DenseMatrix b, double beta, DenseMatrix c) {
        int m = c.rows();
        int n = c.cols();
        int k = opA.cols(a);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double aip = opA == Op.N ? a.get(i, p) : a.get(p, i);
                    double bpj = opB == Op.N ? b.get(p, j) : b.get(j, p);
                    s += aip * bpj;
                }
                c.set(i, j, beta == 0 ? alpha * s : alpha * s + beta * c.get(i, j));
            }
        }
    }

    @Override
    protected void syrkK(Op op, double alpha, DenseMatrix a, double beta, DenseMatrix c) {
        int d = c.rows();
        int k = op == Op.T ? a.rows() : a.cols();
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += op == Op.T ? a.get(p, i) * a.get(p, j) : a.get(i, p) * a.get(j, p);
                }
                double v = beta == 0 ? alpha * s : alpha * s + beta * c.get(i, j);
                c.set(i, j, v);
                c.set(j, i, v);
            }
        }
    }
}
