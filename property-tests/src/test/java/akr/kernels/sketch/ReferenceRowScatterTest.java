package akr.kernels.sketch;

import akr.kernels.Tier;

class ReferenceRowScatterTest extends RowScatterContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
