package akr.kernels.gemv;

import akr.kernels.Tier;

class SimdGemvTest extends GemvContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
