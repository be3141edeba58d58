package akr.solvers.iterative;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.random.CounterRandom;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Block PCG runs each column exactly as {@link Pcg} runs it alone (same operations, so the same
 * bits when the operator treats columns independently), applies the operator once per iteration to
 * the columns still running, and stops each column on its own test.
 */
class BlockPcgTest {

    private static final int N = 60;

    /** An SPD matrix M = QΛQᵀ-like: BᵀB/N + shift·I with B Gaussian. */
    private static DenseMatrix spd(double shift) {
        DenseMatrix b = DenseMatrix.zeros(N, N);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                b.set(i, j, CounterRandom.gaussian(5, 1, (long) i * N + j));
            }
        }
        DenseMatrix m = DenseMatrix.zeros(N, N);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double s = 0;
                for (int k = 0; k < N; k++) {
                    s += b.get(k, i) * b.get(k, j);
                }
                m.set(i, j, s / N + (i == j ? shift : 0));
            }
        }
        return m;
    }

    private static LinearOperator operator(DenseMatrix m) {
        return LinearOperator.symmetric(N, (x, y) -> {
            for (int i = 0; i < N; i++) {
                double s = 0;
                for (int j = 0; j < N; j++) {
                    s += m.get(i, j) * x[j];
                }
                y[i] = s;
            }
        });
    }

    private static LinearOperator jacobi(DenseMatrix m) {
        return LinearOperator.symmetric(N, (r, z) -> {
            for (int i = 0; i < N; i++) {
                z[i] = r[i] / m.get(i, i);
            }
        });
    }

    private static double[] vector(long seed) {
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = CounterRandom.gaussian(seed, 2, i);
        }
        return v;
    }

    @Test
    void everyColumnMatchesASolePcgRunBitForBit() {
        DenseMatrix m = spd(1e-3);
        LinearOperator h = operator(m);
        LinearOperator p = jacobi(m);
        double[][] rhs = {vector(1), new double[N], vector(3), vector(4)};
        double[] tol = {1e-10, 1e-10, 1e-4, 1e-12};
        int[] limit = {200, 200, 200, 7};
        double[][] y = new double[4][N];
        y[3] = vector(9); // a starting guess: the block computes its residual for that column only
        double[][] y0 = {y[0].clone(), y[1].clone(), y[2].clone(), y[3].clone()};
        List<Integer> blockSizes = new ArrayList<>();
        BlockOperator counting = new BlockOperator() {
            @Override
            public int order() {
                return N;
            }

            @Override
            public void apply(double[][] x, double[][] out) {
                blockSizes.add(x.length);
                BlockOperator.of(h).apply(x, out);
            }
        };
        LanczosSpectrum spectrum = new LanczosSpectrum();
        IterationResult[] got = BlockPcg.solve(Kernels.defaults(), counting, p, rhs, y, tol, limit, "block",
                ProgressListener.NONE, spectrum);
        LanczosSpectrum alone = new LanczosSpectrum();
        for (int c = 0; c < 4; c++) {
            double[] yc = y0[c];
            IterationResult want = Pcg.solve(Kernels.defaults(), h, p, rhs[c], yc, tol[c], limit[c], "pcg",
                    ProgressListener.NONE, c == 0 ? alone : null);
            assertArrayEquals(yc, y[c], "column " + c);
            assertEquals(want.iterations(), got[c].iterations(), "column " + c);
            assertEquals(want.converged(), got[c].converged(), "column " + c);
            assertEquals(want.residualEstimate(), got[c].residualEstimate(), 0.0, "column " + c);
        }
        assertEquals(alone.conditionEstimate(), spectrum.conditionEstimate(), 1e-12 * alone.conditionEstimate());
        assertEquals(0, got[1].iterations()); // b = 0: x = 0 at once
        assertTrue(got[0].converged() && got[2].converged());
        assertFalse(got[3].converged()); // stopped by its limit of 7
        assertEquals(7, got[3].iterations());
        assertTrue(got[2].iterations() < got[0].iterations()); // the looser column left the block early
        // one product for the starting guess, then one per iteration with the running columns only
        assertEquals(1, blockSizes.get(0));
        assertEquals(got[0].iterations() + 1, blockSizes.size());
        for (int i = 2; i < blockSizes.size(); i++) { // columns only ever leave the block
            assertTrue(blockSizes.get(i) <= blockSizes.get(i - 1), blockSizes.toString());
        }
        assertEquals(3, (int) blockSizes.get(1)); // the b = 0 column never enters
    }

    @Test
    void mismatchedShapesAreRejected() {
        DenseMatrix m = spd(1);
        BlockOperator h = BlockOperator.of(operator(m));
        double[][] rhs = {vector(1)};
        assertThrows(IllegalArgumentException.class, () -> BlockPcg.solve(Kernels.defaults(), h, jacobi(m), rhs,
                new double[2][N], new double[] {1e-8}, new int[] {5}, "x", ProgressListener.NONE, null));
        assertThrows(IllegalArgumentException.class, () -> BlockPcg.solve(Kernels.defaults(), h, jacobi(m), rhs,
                new double[][] {new double[N - 1]}, new double[] {1e-8}, new int[] {5}, "x", ProgressListener.NONE,
                null));
    }
}
