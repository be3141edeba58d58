package akr.kernels.qr;

import akr.kernels.Tier;

class ReferencePivotedHouseholderQrTest extends PivotedHouseholderQrContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
