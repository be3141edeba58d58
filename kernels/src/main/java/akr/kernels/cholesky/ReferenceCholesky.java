package akr.kernels.cholesky;

import akr.kernels.DenseMatrix;
import akr.kernels.Tier;
import akr.kernels.parallel.ParallelExecutor;
import akr.kernels.triangular.Triangular;
import akr.kernels.triangular.Triangular.Uplo;

/** Unblocked Cholesky (column by column, dot products), solves by reference substitution: the oracle. */
final class ReferenceCholesky extends Cholesky {

    private final Triangular triangular;

    ReferenceCholesky(ParallelExecutor executor) {
        super(executor);
        this.triangular = Triangular.of(Tier.REFERENCE, executor);
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
