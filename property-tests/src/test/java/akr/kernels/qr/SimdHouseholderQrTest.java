package akr.kernels.qr;

import akr.kernels.Tier;

class SimdHouseholderQrTest extends HouseholderQrContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
