package akr.kernels.triangular;

import akr.kernels.Tier;

class SimdTriangularTest extends TriangularContract {
    @Override
    Tier tier() {
        return Tier.SIMD;
    }
}
