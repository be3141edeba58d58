package akr.kernels.gemv;

import akr.kernels.Tier;

class ScalarGemvTest extends GemvContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
