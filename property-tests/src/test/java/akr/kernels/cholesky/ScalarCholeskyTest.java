package akr.kernels.cholesky;

import akr.kernels.Tier;

class ScalarCholeskyTest extends CholeskyContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
