package akr.kernels.sketch;

import akr.kernels.Tier;

class ReferenceSketchTest extends SketchContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
