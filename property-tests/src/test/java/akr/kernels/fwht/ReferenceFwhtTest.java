package akr.kernels.fwht;

import akr.kernels.Tier;

class ReferenceFwhtTest extends FwhtContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
