package akr.kernels.sketch;

import akr.kernels.Tier;

class SimdTensorSketchTest extends TensorSketchContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
