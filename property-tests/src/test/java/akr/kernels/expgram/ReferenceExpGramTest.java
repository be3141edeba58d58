package akr.kernels.expgram;

import akr.kernels.Tier;

class ReferenceExpGramTest extends ExpGramContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
