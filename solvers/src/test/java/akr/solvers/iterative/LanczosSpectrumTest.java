package akr.solvers.iterative;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ritz values recorded by PCG lie inside the spectrum and converge to its extremes. */
class LanczosSpectrumTest {

    private static void diagonal(double[] eig, double[] x, double[] y) {
        for (int i = 0; i < eig.length; i++) {
            y[i] = eig[i] * x[i];
        }
    }

    @Test
    void conjugateGradientsOnADiagonalMatrixRecoverItsExtremeEigenvalues() {
        int n = 60;
        double[] eig = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = 1 + 99.0 * i / (n - 1); // 1 … 100
            c[i] = 1 + (i % 7) * 0.1;
        }
        LanczosSpectrum s = new LanczosSpectrum();
        IterationResult r = Pcg.solve(akr.kernels.Kernels.defaults(), LinearOperator.symmetric(n, (x, y) -> diagonal(eig, x, y)),
                LinearOperator.symmetric(n, (x, y) -> System.arraycopy(x, 0, y, 0, n)), c,
                new double[n], 1e-13, 200, "cg", ProgressListener.NONE, s);
        assertTrue(r.converged());
        assertEquals(r.iterations(), s.steps());
        double[] e = s.extremeRitzValues();
        assertEquals(1.0, e[0], 1e-6);
        assertEquals(100.0, e[1], 1e-6);
        assertEquals(100.0, s.conditionEstimate(), 1e-4);
    }

    @Test
    void earlyRitzValuesLieInsideTheSpectrum() {
        int n = 50;
        double[] eig = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = 2 + i;
            c[i] = 1;
        }
        LanczosSpectrum s = new LanczosSpectrum();
        Pcg.solve(akr.kernels.Kernels.defaults(), LinearOperator.symmetric(n, (x, y) -> diagonal(eig, x, y)),
                LinearOperator.symmetric(n, (x, y) -> System.arraycopy(x, 0, y, 0, n)), c, new double[n], 1e-15,
                5, "cg", ProgressListener.NONE, s);
        assertEquals(5, s.steps());
        double[] e = s.extremeRitzValues();
        assertTrue(e[0] >= 2 - 1e-9 && e[1] <= 51 + 1e-9 && e[0] < e[1], e[0] + " " + e[1]);
        assertTrue(Double.isNaN(new LanczosSpectrum().conditionEstimate()));
    }
}
