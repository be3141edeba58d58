package akr.kernels.sketch;

import akr.kernels.Tier;

class SimdSketchTest extends SketchContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
