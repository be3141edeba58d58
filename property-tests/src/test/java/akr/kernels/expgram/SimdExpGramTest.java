package akr.kernels.expgram;

import akr.kernels.Tier;

class SimdExpGramTest extends ExpGramContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
