package akr.kernels.sketch;

import akr.kernels.Tier;

class ScalarTensorSketchTest extends TensorSketchContract {
    @Override
    Tier tier() {
        return Tier.SCALAR;
    }
}
