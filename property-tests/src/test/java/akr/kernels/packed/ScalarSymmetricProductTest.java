package akr.kernels.packed;

import akr.kernels.Tier;

class ScalarSymmetricProductTest extends SymmetricProductContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
