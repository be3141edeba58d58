package akr.kernels.parallel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.Example;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelExecutorTest {

    @Property(tries = 100)
    void chunksCoverTheRangeOnceWithBoundariesIndependentOfThreads(
            @ForAll @IntRange(max = 5000) int n, @ForAll @IntRange(min = 1, max = 70) int chunks,
            @ForAll @IntRange(min = 1, max = 4) int threads) {
        int[] owner = new int[n];
        int[] owner1 = new int[n];
        try (ParallelExecutor ex = ParallelExecutor.create(threads); ParallelExecutor one = ParallelExecutor.create(1)) {
            ex.forEachChunk(0, n, chunks, (c, lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    owner[i] += c + 1;
                }
            });
            one.forEachChunk(0, n, chunks, (c, lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    owner1[i] += c + 1;
                }
            });
        }
        assertArrayEquals(owner1, owner);
        for (int i = 1; i < n; i++) {
            int d = owner[i] - owner[i - 1];
            assertEquals(true, d == 0 || d == 1, "chunks must be contiguous and ordered");
        }
        if (n > 0) {
            assertEquals(1, owner[0]);
            assertEquals(Math.min(chunks, n), owner[n - 1]);
        }
    }

    @Example
    void exceptionsInChunksReachTheCaller() {
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ex.forEachChunk(0, 100, 10,
                    (c, lo, hi) -> {
                        if (c == 7) {
                            throw new IllegalStateException("chunk 7");
                        }
                    }));
            assertEquals("chunk 7", e.getMessage());
        }
    }

    @Example
    void nestedLoopsRunWithoutDeadlock() {
        AtomicInteger count = new AtomicInteger();
        try (ParallelExecutor ex = ParallelExecutor.create(2)) {
            ex.forEachChunk(0, 8, 8, (c, lo, hi) -> ex.forEachChunk(0, 100, 10, (c2, lo2, hi2) ->
                    count.addAndGet(hi2 - lo2)));
        }
        assertEquals(800, count.get());
    }

    @Example
    void sharedExecutorSizeAndValidation() {
        assertSame(ParallelExecutor.shared(), ParallelExecutor.shared());
        assertEquals(ParallelExecutor.defaultThreads(), ParallelExecutor.shared().threads());
        assertThrows(IllegalArgumentException.class, () -> ParallelExecutor.create(0));
        assertEquals(1, ParallelExecutor.chunksFor(0, 10, 5));
        assertEquals(5, ParallelExecutor.chunksFor(1000, 10, 5));
        assertEquals(3, ParallelExecutor.chunksFor(21, 10, 5));
    }
}
