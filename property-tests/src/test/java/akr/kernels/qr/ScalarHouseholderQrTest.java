package akr.kernels.qr;

import akr.kernels.Tier;

class ScalarHouseholderQrTest extends HouseholderQrContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
