package akr.spark;

import akr.kernels.DenseMatrix;
import akr.kernels.Kernels;
import akr.kernels.sketch.Accumulator;
import akr.kernels.sketch.Sketch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernels hook akr-spark relies on (Accumulator.chunkPartial / restoreChunk), without Spark:
 * chunks accumulated by separate accumulators and restored into a third give SA bit for bit.
 */
class AccumulatorChunkHookTest {

    @ParameterizedTest
    @EnumSource(Sketch.Kind.class)
    void chunksMovedBetweenAccumulatorsGiveApplyBitForBit(Sketch.Kind kind) {
        int n = 50_000;
        int d = 5;
        DenseMatrix a = SparkTestSupport.matrix(n, d, 3, 11);
        Sketch s = Kernels.defaults().sketch(kind, 24, n, 5);
        double[] expected = s.apply(a).data();
        Accumulator target = s.accumulator(d);
        assertTrue(target.chunkCount() >= 3, "needs several chunks");
        for (int c = target.chunkCount() - 1; c >= 0; c--) { // any order across chunks
            Accumulator worker = s.accumulator(d);
            int lo = c * worker.chunkRows();
            int hi = worker.chunkEndRow(c);
            worker.accumulate(lo, a.rows(lo, hi - lo));
            target.restoreChunk(c, hi, worker.chunkPartial(c));
        }
        assertArrayEquals(expected, target.result().data());
    }

    @ParameterizedTest
    @EnumSource(value = Sketch.Kind.class, names = {"SPARSE_SIGN", "COUNT_SKETCH"})
    void aChunkResumedMidwayContinuesExactly(Sketch.Kind kind) {
        int n = 40_000;
        int d = 3;
        DenseMatrix a = SparkTestSupport.matrix(n, d, 3, 12);
        Sketch s = Kernels.defaults().sketch(kind, 16, n, 9);
        Accumulator whole = s.accumulator(d);
        whole.accumulate(0, a);
        Accumulator first = s.accumulator(d);
        int cut = 1234;
        first.accumulate(0, a.rows(0, cut));
        Accumulator second = s.accumulator(d);
        second.restoreChunk(0, cut, first.chunkPartial(0)); // the carry of a split chunk
        second.accumulate(cut, a.rows(cut, n - cut));
        assertArrayEquals(whole.result().data(), second.result().data());
    }

    @ParameterizedTest
    @EnumSource(value = Sketch.Kind.class, names = {"SRHT"})
    void badRestoresAreRefused(Sketch.Kind kind) {
        Sketch s = Kernels.defaults().sketch(kind, 16, 40_000, 9);
        Accumulator acc = s.accumulator(4);
        double[] zeros = new double[16 * 4];
        assertThrows(IllegalArgumentException.class, () -> acc.restoreChunk(acc.chunkCount(), 0, zeros));
        assertThrows(IllegalArgumentException.class, () -> acc.restoreChunk(0, 1, zeros)); // inside a Hadamard block
        assertThrows(IllegalArgumentException.class, () -> acc.restoreChunk(0, 0, new double[3]));
        assertThrows(IllegalArgumentException.class, () -> acc.restoreChunk(0, acc.chunkEndRow(0) + 1, zeros));
    }
}
