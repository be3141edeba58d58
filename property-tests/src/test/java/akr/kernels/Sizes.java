package akr.kernels;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Size generators that hit vector-lane and block edges: 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33,
 * 63, 64, 65, odd primes and a few large values, mixed with uniform sizes.
 */
public final class Sizes {

    private static final Integer[] EDGES = {0, 1, 2, 3, 4, 5, 7, 8, 9, 11, 13, 15, 16, 17, 23, 31, 32, 33, 37, 63,
        64, 65, 97, 127, 128, 129, 255, 256, 257, 509, 1021, 1024, 1031};

    private Sizes() {
    }

    /** Edge sizes and uniform sizes in [0, max]. */
    public static Arbitrary<Integer> upTo(int max) {
        Integer[] edges = java.util.Arrays.stream(EDGES).filter(e -> e <= max).toArray(Integer[]::new);
        return Arbitraries.oneOf(Arbitraries.of(edges), Arbitraries.integers().between(0, max));
    }

    /** Like {@link #upTo} but at least 1. */
    public static Arbitrary<Integer> positiveUpTo(int max) {
        return upTo(max).filter(n -> n >= 1);
    }
}
