package akr.kernels.random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Basic statistics of the counter-based generator; bounds are ≥ 5 standard deviations. */
class CounterRandomTest {

    private static final int N = 1 << 20;

    @Property(tries = 50)
    void isAPureFunctionOfItsArguments(@ForAll long seed, @ForAll long stream, @ForAll long index) {
        assertEquals(CounterRandom.bits(seed, stream, index), CounterRandom.bits(seed, stream, index));
        assertEquals(CounterRandom.bits(seed, stream, index),
                CounterRandom.bitsWithKey(CounterRandom.key(seed, stream), index));
    }

    @Example
    void uniformMeanAndVariance() {
        double s = 0, s2 = 0;
        for (int i = 0; i < N; i++) {
            double u = CounterRandom.uniform(42, 7, i);
            assertTrue(u >= 0 && u < 1);
            s += u;
            s2 += u * u;
        }
        double mean = s / N;
        double var = s2 / N - mean * mean;
        assertEquals(0.5, mean, 5 * Math.sqrt(1.0 / 12 / N));
        assertEquals(1.0 / 12, var, 5 * Math.sqrt(1.0 / 180 / N));
    }

    @Example
    void signOfLowestBitReadsOnlyTheLowestBit() {
        assertEquals(1.0, CounterRandom.signOfLowestBit(0L));
        assertEquals(-1.0, CounterRandom.signOfLowestBit(1L));
        assertEquals(1.0, CounterRandom.signOfLowestBit(-2L));
        assertEquals(-1.0, CounterRandom.signOfLowestBit(-1L));
        assertEquals(-1.0, CounterRandom.signOfLowestBit(0x8000_0000_0000_0003L));
    }

    @Example
    void signsAreBalancedAndAdjacentIndicesUncorrelated() {
        long sum = 0;
        long lag = 0;
        double prev = CounterRandom.sign(1, 0, 0);
        for (int i = 1; i < N; i++) {
            double s = CounterRandom.sign(1, 0, i);
            sum += (long) s;
            lag += (long) (s * prev);
            prev = s;
        }
        double sd = Math.sqrt(N);
        assertTrue(Math.abs(sum) < 5 * sd, "sign imbalance " + sum);
        assertTrue(Math.abs(lag) < 5 * sd, "lag-1 correlation " + lag);
    }

    @Example
    void adjacentUniformsAndStreamsAreUncorrelated() {
        double c = 0, cs = 0;
        for (int i = 0; i < N; i++) {
            double a = CounterRandom.uniform(3, 0, i) - 0.5;
            c += a * (CounterRandom.uniform(3, 0, i + 1) - 0.5);
            cs += a * (CounterRandom.uniform(3, 1, i) - 0.5);
        }
        double sd = Math.sqrt(N) / 12; // sd of a sum of products of two independent U(-1/2,1/2)
        assertTrue(Math.abs(c) < 6 * sd, "lag-1 " + c);
        assertTrue(Math.abs(cs) < 6 * sd, "stream " + cs);
    }

    @Example
    void belowIsUniformOverBuckets() {
        int bound = 37;
        int[] count = new int[bound];
        for (int i = 0; i < N; i++) {
            count[CounterRandom.below(9, 2, i, bound)]++;
        }
        double expected = (double) N / bound;
        double chi2 = 0;
        for (int c : count) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        // 36 degrees of freedom: P(chi2 > 80) < 1e-4
        assertTrue(chi2 < 80, "chi2 = " + chi2);
        assertThrows(IllegalArgumentException.class, () -> CounterRandom.below(1, 1, 1, 0));
    }

    @Example
    void gaussianMomentsAndSeedsDiffer() {
        double s = 0, s2 = 0, s4 = 0;
        for (int i = 0; i < N; i++) {
            double g = CounterRandom.gaussian(5, 0, i);
            s += g;
            s2 += g * g;
            s4 += g * g * g * g;
        }
        assertEquals(0, s / N, 5 / Math.sqrt(N));
        assertEquals(1, s2 / N, 5 * Math.sqrt(2.0 / N));
        assertEquals(3, s4 / N, 5 * Math.sqrt(96.0 / N));
        assertNotEquals(CounterRandom.bits(1, 0, 0), CounterRandom.bits(2, 0, 0));
        assertNotEquals(CounterRandom.bits(1, 0, 0), CounterRandom.bits(1, 1, 0));
    }
}
