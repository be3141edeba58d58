package akr.kernels.qr;

import akr.kernels.Tier;

class ReferenceHouseholderTest extends HouseholderContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
