package akr.kernels.parallel;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The library-owned thread pool and its one parallel loop.
 *
 * <p><b>Determinism.</b> {@link #forEachChunk} splits an index range into chunks whose boundaries
 * depend only on the range and the caller's chunk count, never on the number of threads. Threads
 * take whole chunks; a kernel that reduces writes one partial result per chunk and combines the
 * partials in chunk order afterwards. The result is therefore bit-identical for any thread count.
 *
 * <p><b>Size.</b> The shared executor has {@code -Dakr.threads} threads, or as many as the JVM has
 * processors. Private executors of any size come from {@link #create(int)} (an options object's
 * thread count) and must be closed. Nothing here uses {@code ForkJoinPool.commonPool()}.
 *
 * <p><b>Nesting.</b> A parallel loop started from inside a chunk of another loop on this executor
 * runs sequentially in the calling thread, so kernels may call kernels without deadlock.
 */
public final class ParallelExecutor implements AutoCloseable {

    /** System property with the shared executor's thread count. */
    public static final String THREADS_PROPERTY = "akr.threads";

    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private static volatile ParallelExecutor shared;

    private final int threads;
    private final ThreadPoolExecutor pool; // null when threads == 1
    private final ThreadLocal<Boolean> insideChunk = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final boolean closeable;

    /** Work for one chunk {@code [begin, end)} with index {@code chunk}. */
    @FunctionalInterface
    public interface ChunkTask {
        void run(int chunk, int begin, int end);
    }

    private ParallelExecutor(int threads, boolean closeable) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (must be >= 1)");
        }
        this.threads = threads;
        this.closeable = closeable;
        if (threads == 1) {
            this.pool = null;
        } else {
            int id = POOL_IDS.incrementAndGet();
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "akr-" + id + "-worker-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            // threads - 1 workers: the calling thread always takes part.
            this.pool = new ThreadPoolExecutor(threads - 1, threads - 1, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(4 * threads), tf, new ThreadPoolExecutor.CallerRunsPolicy());
            this.pool.allowCoreThreadTimeOut(true);
        }
    }

    /** The executor shared by every kernel that is not given another one. */
    public static ParallelExecutor shared() {
        ParallelExecutor s = shared;
        if (s == null) {
            synchronized (ParallelExecutor.class) {
                s = shared;
                if (s == null) {
                    s = new ParallelExecutor(defaultThreads(), false);
                    shared = s;
                }
            }
        }
        return s;
    }

    /** A private executor with exactly {@code threads} threads (the caller included). */
    public static ParallelExecutor create(int threads) {
        return new ParallelExecutor(threads, true);
    }

    /** The thread count of the shared executor: {@code -Dakr.threads} or the processor count. */
    public static int defaultThreads() {
        String p = System.getProperty(THREADS_PROPERTY);
        if (p == null || p.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int t = Integer.parseInt(p.trim());
            if (t < 1) {
                throw new NumberFormatException();
            }
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + p + " is not a positive integer");
        }
    }

    /** Number of threads that run chunks, the calling thread included. */
    public int threads() {
        return threads;
    }

    /**
     * Splits {@code [begin, end)} into {@code chunks} contiguous chunks of near-equal size (the first
     * {@code (end-begin) % chunks} one longer) and runs {@code task} on each, returning when all are
     * done. Chunk boundaries depend only on {@code begin}, {@code end} and {@code chunks}.
     * The first exception thrown by a chunk is rethrown here after all chunks have finished.
     */
    public void forEachChunk(int begin, int end, int chunks, ChunkTask task) {
        int n = end - begin;
        if (n < 0 || chunks < 1) {
            throw new IllegalArgumentException("range [" + begin + ", " + end + ") with " + chunks + " chunks");
        }
        if (n == 0) {
            return;
        }
        chunks = Math.min(chunks, n);
        int base = n / chunks;
        int extra = n % chunks;
        if (pool == null || chunks == 1 || insideChunk.get()) {
            for (int c = 0; c < chunks; c++) {
                int lo = begin + c * base + Math.min(c, extra);
                task.run(c, lo, lo + base + (c < extra ? 1 : 0));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        final int nChunks = chunks;
        Runnable worker = () -> {
            insideChunk.set(Boolean.TRUE);
            try {
                int c;
                while ((c = next.getAndIncrement()) < nChunks) {
                    try {
                        if (failure.get() == null) {
                            int lo = begin + c * base + Math.min(c, extra);
                            task.run(c, lo, lo + base + (c < extra ? 1 : 0));
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        if (done.incrementAndGet() == nChunks) {
                            synchronized (done) {
                                done.notifyAll();
                            }
                        }
                    }
                }
            } finally {
                insideChunk.set(Boolean.FALSE);
            }
        };
        int helpers = Math.min(threads - 1, nChunks - 1);
        for (int i = 0; i < helpers; i++) {
            pool.execute(worker);
        }
        worker.run();
        synchronized (done) {
            while (done.get() < nChunks) {
                try {
                    done.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for parallel chunks", e);
                }
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * A chunk count for {@code n} items of which at least {@code grain} should go to one chunk:
     * {@code ceil(n / grain)} capped at {@code maxChunks}. It depends on the sizes only, not on the
     * thread count, so it is safe for deterministic reductions.
     */
    public static int chunksFor(long n, long grain, int maxChunks) {
        if (n <= 0) {
            return 1;
        }
        long c = (n + grain - 1) / Math.max(1, grain);
        return (int) Math.max(1, Math.min(c, maxChunks));
    }

    /** Shuts the workers of a private executor down; the shared executor ignores this. */
    @Override
    public void close() {
        if (closeable && pool != null) {
            pool.shutdown();
        }
    }

    @Override
    public String toString() {
        return "ParallelExecutor[threads=" + threads + "]";
    }
}
