package akr.kernels.fwht;

import akr.kernels.Tier;

class SimdFwhtTest extends ButterflyFwhtContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
