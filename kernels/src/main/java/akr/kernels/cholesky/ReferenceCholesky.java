package akr.kernels.cholesky;

import akr.kernels.DenseMatrix;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.ReferenceTriangular;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Uplo;

/** Unblocked Cholesky (column by column, dot products), solves by reference substitution: the oracle. */
public final class ReferenceCholesky extends Cholesky {

    private final Triangular triangular;

    public ReferenceCholesky(ParallelExecutor executor) {
        super(executor);
        this.triangular = new ReferenceTriangular(executor);
    }

    @Override
    protected Triangular triangular() {
        return triangular;
    }

    @Override
    protected void factorK(Uplo uplo, DenseMatrix a) {
        factorUnblocked(uplo, a, 0, a.rows());
        zeroOtherTriangle(uplo, a);
    }
}
