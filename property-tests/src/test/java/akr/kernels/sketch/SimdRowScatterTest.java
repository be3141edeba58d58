package akr.kernels.sketch;

import akr.kernels.Tier;

class SimdRowScatterTest extends RowScatterContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
