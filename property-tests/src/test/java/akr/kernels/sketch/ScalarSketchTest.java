package akr.kernels.sketch;

import akr.kernels.Tier;

class ScalarSketchTest extends SketchContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
