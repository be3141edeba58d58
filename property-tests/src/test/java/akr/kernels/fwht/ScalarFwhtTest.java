package akr.kernels.fwht;

import akr.kernels.Tier;

class ScalarFwhtTest extends FwhtContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
