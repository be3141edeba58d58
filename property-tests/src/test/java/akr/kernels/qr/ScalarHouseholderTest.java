package akr.kernels.qr;

import akr.kernels.Tier;

class ScalarHouseholderTest extends HouseholderContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
