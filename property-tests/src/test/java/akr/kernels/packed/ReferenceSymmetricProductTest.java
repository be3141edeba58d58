package akr.kernels.packed;

import akr.kernels.Tier;

class ReferenceSymmetricProductTest extends SymmetricProductContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
