package akr.kernels.gemv;

import akr.kernels.Tier;

class ReferenceGemvTest extends GemvContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
