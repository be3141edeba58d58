package akr.kernels.fwht;

import akr.kernels.Tier;

class SimdFwhtTest extends FwhtContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
