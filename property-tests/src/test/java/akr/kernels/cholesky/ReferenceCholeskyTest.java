package akr.kernels.cholesky;

import akr.kernels.Tier;

class ReferenceCholeskyTest extends CholeskyContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
