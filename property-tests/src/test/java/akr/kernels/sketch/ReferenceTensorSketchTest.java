package akr.kernels.sketch;

import akr.kernels.Tier;

class ReferenceTensorSketchTest extends TensorSketchContract {
    @Override
    Tier tier() {
        return Tier.REFERENCE;
    }
}
