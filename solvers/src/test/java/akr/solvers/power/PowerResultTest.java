package akr.solvers.power;

import akr.solvers.demo.SyntheticProblem;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** A result cannot be changed through the arrays it hands out or was made from. */
class PowerResultTest {

    @Test
    void arraysHandedOutAreCopies() {
        SyntheticProblem p = SyntheticProblem.withCondition(300, 5, 10, 1);
        double[] b = p.lstsqRhs(1, SyntheticProblem.gaussian(5, 1, 1), 1e-3, 1);
        PowerResult r = PowerSolver.lstsqPower(p.a(), b, 1, PowerOptions.builder().method(Method.LSQR).build());
        double[] x = r.x();
        double[] saved = x.clone();
        int[] it = r.iterations();
        int[] savedIt = it.clone();
        int total = r.totalIterations();
        java.util.Arrays.fill(x, Double.NaN);
        java.util.Arrays.fill(it, -1);
        assertArrayEquals(saved, r.x());
        assertArrayEquals(savedIt, r.iterations());
        assertEquals(total, r.totalIterations());
        assertNotSame(r.x(), r.x());
    }

    @Test
    void arraysPassedInAreCopied() {
        double[] x = {1, 2};
        int[] it = {3, 4};
        PowerResult r = new PowerResult(x, 0, Double.NaN, it, true, Method.DIRECT,
                new PowerResult.Timings(0, 1, 2, 3), Double.NaN, 1);
        x[0] = 9;
        it[0] = 9;
        assertArrayEquals(new double[] {1, 2}, r.x());
        assertArrayEquals(new int[] {3, 4}, r.iterations());
        assertEquals(new PowerResult.Timings(0, 1, 2, 3), r.timings());
    }
}
