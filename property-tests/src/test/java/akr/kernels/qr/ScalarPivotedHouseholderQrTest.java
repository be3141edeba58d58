package akr.kernels.qr;

import akr.kernels.Tier;

class ScalarPivotedHouseholderQrTest extends PivotedHouseholderQrContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
