package akr.solvers.attention;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory stays within the budget (half the heap by default) on the routes that would fail if K were
 * formed, in forked JVMs with small heaps: n = 65536, d = 16 under {@code -Xmx1g} (K would take
 * 34 GB, its packed triangle 17 GB) runs matrix-free with a factor sized to what the budget leaves;
 * n = 4096 under {@code -Xmx256m} (the dense 134 MB matrix exceeds the 128 MB budget) stores the
 * 67 MB triangle instead. One or a few PCG iterations keep the test within the CI budget; the
 * full-size operator, preconditioner and exact residual all run.
 */
class AttentionMemoryTest {

    @Test
    void sixtyFiveThousandPointsRunMatrixFreeInOneGigabyteOfHeap() throws IOException, InterruptedException {
        String text = run("-Xmx1g", "65536", "16", "1");
        assertTrue(text.contains("route=matrix-free preconditioner=rpcholesky "), text);
        assertTrue(text.contains("rankStop=memory-budget"), text);
        assertTrue(text.contains("iterations=1 "), text);
        withinBudget(text);
    }

    @Test
    void fourThousandPointsStoreTheTriangleWhenTheDenseMatrixDoesNotFit() throws IOException, InterruptedException {
        String text = run("-Xmx256m", "4096", "16", "40");
        assertTrue(text.contains("route=materialised "), text);
        withinBudget(text);
    }

    private static void withinBudget(String text) {
        assertTrue(text.contains("finite=true"), text);
        assertTrue(!text.contains("residual=NaN") && !text.contains("residual=Infinity"), text);
        assertTrue(!text.contains("OutOfMemoryError"), text);
        long used = Long.parseLong(value(text, "memoryBytes"));
        long heap = Long.parseLong(value(text, "maxHeapMB")) << 20;
        assertTrue(used > 0 && used <= heap / 2, used + " bytes held, heap " + heap);
    }

    private static String value(String text, String key) {
        int at = text.indexOf(key + "=");
        assertTrue(at >= 0, key + " missing in " + text);
        int end = text.indexOf(' ', at);
        return text.substring(at + key.length() + 1, end < 0 ? text.length() : end).trim();
    }

    private static String run(String heap, String... args) throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new java.util.ArrayList<>(List.of(java, heap, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), LargeSolveMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
