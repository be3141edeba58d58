package akr.kernels.fwht;

import akr.kernels.Tier;

class ScalarFwhtTest extends ButterflyFwhtContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
