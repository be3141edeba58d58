package akr.kernels.packed;

import akr.kernels.Tier;

class SimdSymmetricProductTest extends SymmetricProductContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
