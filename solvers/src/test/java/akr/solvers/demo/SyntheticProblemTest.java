package akr.solvers.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticProblemTest {

    private static final double U = 0x1.0p-53;

    /**
     * b = A(AᵀA)ʲx* + ρ‖A(AᵀA)ʲx*‖·g with g a unit vector orthogonal to range(A): the part of b outside
     * range(U) has relative size ρ and Uᵀ of it is at rounding level.
     */
    @ParameterizedTest
    @CsvSource({"2000, 16, 0, 0.1", "777, 9, 1, 1e-3", "300, 1, 0, 0.5", "65, 64, 2, 0.2"})
    void noiseIsOrthogonalToTheRangeAndOfRelativeSizeRho(int n, int d, int j, double rho) {
        SyntheticProblem p = SyntheticProblem.withCondition(n, d, 1e3, 11);
        double[] x = SyntheticProblem.gaussian(d, 5, 1);
        double[] signal = p.lstsqRhs(j, x, 0, 3);
        double[] b = p.lstsqRhs(j, x, rho, 3);
        double[] noise = new double[n];
        for (int r = 0; r < n; r++) {
            noise[r] = b[r] - signal[r];
        }
        double noiseNorm = norm(noise);
        double[] proj = new double[d];
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < d; k++) {
                proj[k] += p.u().get(r, k) * noise[r];
            }
        }
        assertEquals(rho, noiseNorm / norm(signal), 1e2 * n * U * rho);
        assertTrue(norm(proj) <= 1e2 * n * U * noiseNorm, "‖Uᵀ noise‖ = " + norm(proj) + ", ‖noise‖ = " + noiseNorm);
    }

    @org.junit.jupiter.api.Test
    void squareMatrixHasNoRoomForAResidual() {
        SyntheticProblem p = SyntheticProblem.withCondition(8, 8, 10, 1);
        double[] x = SyntheticProblem.gaussian(8, 5, 1);
        assertEquals(8, p.lstsqRhs(0, x, 0, 3).length);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.lstsqRhs(0, x, 0.1, 3));
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
