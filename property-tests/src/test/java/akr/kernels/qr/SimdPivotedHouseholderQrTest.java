package akr.kernels.qr;

import akr.kernels.Tier;

class SimdPivotedHouseholderQrTest extends PivotedHouseholderQrContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
