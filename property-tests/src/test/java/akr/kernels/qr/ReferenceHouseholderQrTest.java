package akr.kernels.qr;

import akr.kernels.Tier;

class ReferenceHouseholderQrTest extends HouseholderQrContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
