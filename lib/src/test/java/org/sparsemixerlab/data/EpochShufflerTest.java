package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochShufflerTest {

    @Test
    void eachEpochIsAPermutationAndEpochsDiffer() {
        EpochShuffler shuffler = new EpochShuffler(50, 3);
        int[] first = shuffler.next(50);
        int[] second = shuffler.next(50);
        assertArrayEquals(IntStream.range(0, 50).toArray(), Arrays.stream(first).sorted().toArray());
        assertArrayEquals(IntStream.range(0, 50).toArray(), Arrays.stream(second).sorted().toArray());
        assertFalse(Arrays.equals(first, second), "epochs are shuffled independently");
        assertEquals(new DataPosition(3, 1, 50), shuffler.position());
    }

    @Test
    void sameSeedSameOrderDifferentSeedDifferentOrder() {
        assertArrayEquals(new EpochShuffler(100, 7).next(250), new EpochShuffler(100, 7).next(250));
        assertFalse(Arrays.equals(new EpochShuffler(100, 7).next(100), new EpochShuffler(100, 8).next(100)));
    }

    @Test
    void restoringASavedPositionResumesTheSameSequence() {
        EpochShuffler original = new EpochShuffler(37, 11);
        original.next(90); // two full epochs and 16 into the third
        DataPosition saved = original.position();
        assertEquals(new DataPosition(11, 2, 16), saved);
        int[] expected = original.next(60);

        EpochShuffler resumed = new EpochShuffler(37, 11);
        resumed.restore(saved);
        assertArrayEquals(expected, resumed.next(60));
    }

    @Test
    void restoringAPositionOfAnotherSeedOrSizeIsRejected() {
        EpochShuffler shuffler = new EpochShuffler(10, 1);
        IllegalArgumentException seed =
                assertThrows(IllegalArgumentException.class, () -> shuffler.restore(new DataPosition(2, 0, 0)));
        assertEquals(true, seed.getMessage().contains("seed 2"));
        assertThrows(IllegalArgumentException.class, () -> shuffler.restore(new DataPosition(1, 0, 11)));
    }

    @Test
    void shuffledBatchesResumeFromTheBatchPositionAfterACheckpoint() {
        List<Integer> examples = IntStream.range(0, 23).boxed().toList();
        ShuffledBatches<Integer, List<Integer>> stream =
                new ShuffledBatches<>(examples, 4, 5, DataPosition.start(5), List::copyOf);
        PositionedBatch<List<Integer>> checkpoint = null;
        for (int i = 0; i < 9; i++) {
            checkpoint = stream.next();
        }
        List<List<Integer>> expected = IntStream.range(0, 8).mapToObj(i -> stream.next().batch()).toList();

        ShuffledBatches<Integer, List<Integer>> resumed =
                new ShuffledBatches<>(examples, 4, 5, checkpoint.after(), List::copyOf);
        List<List<Integer>> actual = IntStream.range(0, 8).mapToObj(i -> resumed.next().batch()).toList();
        assertEquals(expected, actual);
    }

    @Test
    void inOrderBatchesCoverEveryExampleOnceKeepingTheLastPartialBatch() {
        List<Integer> examples = IntStream.range(0, 10).boxed().toList();
        List<List<Integer>> batches = ShuffledBatches.inOrder(examples, 4, List::copyOf);
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9)), batches);
    }
}
