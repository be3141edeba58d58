package akr.kernels.expgram;

import akr.kernels.Tier;

class ScalarExpGramTest extends ExpGramContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
