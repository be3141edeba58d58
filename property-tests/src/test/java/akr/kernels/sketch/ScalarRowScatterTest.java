package akr.kernels.sketch;

import akr.kernels.Tier;

class ScalarRowScatterTest extends RowScatterContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
