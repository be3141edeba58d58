package akr.kernels.qr;

import akr.kernels.Tier;

class SimdHouseholderTest extends HouseholderContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
