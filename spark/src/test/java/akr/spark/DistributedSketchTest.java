package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.sketch.Sketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S·A on local[2] against one machine's Sketch.apply: bit for bit when no chunk is split. */
class DistributedSketchTest {

    // 3 chunks of the one-machine sketch (chunks hold at least 16384 rows)
    private static final int N = 40_000;
    private static final int D = 8;
    private static final int M = 40;
    private static final long SEED = 7;
    private static final DenseMatrix A = SparkTestSupport.matrix(N, D, 10, 3);

    private static double[] oneMachine(Sketch.Kind kind) {
        return Kernels.defaults().sketch(kind, M, N, SEED).apply(A).data();
    }

    @ParameterizedTest
    @EnumSource(Sketch.Kind.class)
    void chunkAlignedPartitionsGiveTheOneMachineSketchBitForBit(Sketch.Kind kind) {
        int chunk = DistributedSketch.chunkRows(kind, M, N, D, SEED);
        assertTrue(chunk < N, "the test needs several chunks, has one of " + chunk + " rows");
        double[] expected = oneMachine(kind);
        // one partition, one per chunk pair, one per chunk; and odd block sizes inside them
        int[][] layouts = {{0, N}, RowBlocks.evenBoundaries(N, 2, chunk), RowBlocks.evenBoundaries(N, 3, chunk)};
        int[] blockRows = {N, 1000, 777};
        for (int i = 0; i < layouts.length; i++) {
            RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), A, null, layouts[i], blockRows[i]);
            DistributedSketch.Result r = DistributedSketch.sketch(blocks, kind, M, SEED);
            assertTrue(r.bitIdentical(), Arrays.toString(layouts[i]));
            assertEquals(0, r.waves(), "chunk-aligned partitions need no extra job");
            assertArrayEquals(expected, r.sa().data(), kind + " layout " + Arrays.toString(layouts[i]));
            blocks.unpersist();
        }
    }

    @ParameterizedTest
    @EnumSource(Sketch.Kind.class)
    void anyPartitioningGivesTheOneMachineSketchBitForBit(Sketch.Kind kind) {
        double[] expected = oneMachine(kind);
        // SRHT and Gaussian need boundaries on their atoms (Hadamard blocks of 4096 rows here,
        // panels of 128): multiples of 8192 split chunks without splitting atoms
        boolean atoms = kind == Sketch.Kind.SRHT || kind == Sketch.Kind.GAUSSIAN;
        int[] boundaries = atoms ? new int[] {0, 8192, 24_576, 32_768, N} : new int[] {0, 10_001, 25_003, 31_000, N};
        RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), A, null, boundaries, 999);
        DistributedSketch.Result r = DistributedSketch.sketch(blocks, kind, M, SEED);
        assertTrue(r.splitChunks() >= 1 && r.waves() >= 1, "the layout should split chunks: " + r);
        assertTrue(r.bitIdentical());
        assertArrayEquals(expected, r.sa().data(), kind + " " + Arrays.toString(boundaries));
        blocks.unpersist();
    }

    @Test
    void interleavedBlocksAreContinuedPieceByPiece() {
        // partition 0 holds rows [0, 5000), [10000, 15000), …; partition 1 the blocks between:
        // chunk 0 arrives in several pieces from alternating partitions, continued in waves
        List<RowBlock> list = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int r0 = pass * 5_000; r0 < N; r0 += 10_000) {
                DenseMatrix rows = A.rows(r0, Math.min(5_000, N - r0)).copy();
                list.add(new RowBlock(r0, rows.rows(), D, rows.data(), null));
            }
        }
        RowBlocks blocks = RowBlocks.of(SparkTestSupport.sc().parallelize(list, 2));
        DistributedSketch.Result r = DistributedSketch.sketch(blocks, Sketch.Kind.SPARSE_SIGN, M, SEED);
        assertTrue(r.waves() >= 2, r.toString());
        assertArrayEquals(oneMachine(Sketch.Kind.SPARSE_SIGN), r.sa().data());
        blocks.unpersist();
    }

    @Test
    void reassociatedAssemblyAgreesToRoundingInOnePass() {
        double[] expected = oneMachine(Sketch.Kind.SPARSE_SIGN);
        int[] boundaries = {0, 10_001, 25_003, 31_000, N};
        RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), A, null, boundaries, 999);
        DistributedSketch.Result r1 = DistributedSketch.sketch(blocks, Sketch.Kind.SPARSE_SIGN, M, SEED,
                DistributedSketch.Assembly.REASSOCIATED);
        DistributedSketch.Result r2 = DistributedSketch.sketch(blocks, Sketch.Kind.SPARSE_SIGN, M, SEED,
                DistributedSketch.Assembly.REASSOCIATED);
        assertFalse(r1.bitIdentical());
        assertEquals(0, r1.waves());
        assertTrue(r1.splitChunks() >= 1);
        assertArrayEquals(r1.sa().data(), r2.sa().data(), "same layout, same bits");
        double scale = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - r1.sa().data()[i]));
        }
        assertTrue(worst <= 1e-13 * scale, "max |difference| " + worst + " against max |entry| " + scale);
        blocks.unpersist();
    }

    @Test
    void aPartitionStartingInsideAnSrhtBlockIsRefusedWithTheAlignment() {
        int chunk = DistributedSketch.chunkRows(Sketch.Kind.SRHT, M, N, D, SEED);
        RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), A, null, new int[] {0, 10_001, N}, 4096);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DistributedSketch.sketch(blocks, Sketch.Kind.SRHT, M, SEED));
        assertTrue(e.getMessage().contains("row 10001") && e.getMessage().contains("multiples of " + chunk), e.getMessage());
        blocks.unpersist();
    }

    @Test
    void sketchOfTooFewRowsIsRefusedOnTheDriver() {
        DenseMatrix small = SparkTestSupport.matrix(20, 4, 2, 1);
        RowBlocks blocks = RowBlocks.fromLocal(SparkTestSupport.sc(), small, null, 2);
        assertThrows(IllegalArgumentException.class, () -> DistributedSketch.sketch(blocks, Sketch.Kind.SPARSE_SIGN, 0, 1));
        assertEquals(20, blocks.rows());
        blocks.unpersist();
    }
}
