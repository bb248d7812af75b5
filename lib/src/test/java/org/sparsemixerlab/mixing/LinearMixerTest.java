package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.assertCubeClose;
import static org.sparsemixerlab.mixing.MixingReference.square;
import static org.sparsemixerlab.mixing.MixingReference.toCube;
import static org.sparsemixerlab.mixing.MixingReference.toDoubles;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LinearMixerTest {
    private static final LearnedMixerChecks.Reference REFERENCE = (x, seq, hid) ->
            MixingReference.sandwich(
                    square(seq, x[0].length), x, square(hid, x[0][0].length));

    private static NDManager manager;
    private final Random random = new Random(21);

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Test
    void matchesLoopReferenceWithUntransposedHiddenKernel() {
        for (long[] shape : new long[][] {{2, 8, 4}, {2, 7, 5}}) {
            NDArray x = MixingReference.randomArray(manager, random, shape);
            NDArray wSeq = MixingReference.randomArray(manager, random, shape[1], shape[1]);
            NDArray wHid = MixingReference.randomArray(manager, random, shape[2], shape[2]);
            double[][][] expected = REFERENCE.mix(toCube(x), toDoubles(wSeq), toDoubles(wHid));
            assertCubeClose(expected, LinearMixer.mix(x, wSeq, wHid), 1e-5);
        }
    }

    @Test
    void blockMatchesStaticFunctionAndIgnoresTokenMask() {
        LearnedMixerChecks.blockMatchesReferenceAndIgnoresTokenMask(
                new LinearMixer(6, 5), manager, random, REFERENCE, false);
    }

    @Test
    void parametersAreInputAndHiddenKernelsDrawnFromNormal002() {
        LearnedMixerChecks.parametersAreNamedShapedAndInitialized(
                new LinearMixer(64, 32), manager, new Shape(1, 64, 32),
                new Shape(64, 64), new Shape(32, 32));
    }

    @Test
    void gradientsReachBothKernelsAndMatchFiniteDifferences() {
        LearnedMixerChecks.gradientsMatchFiniteDifferences(
                new LinearMixer(5, 3), manager, random, new Shape(2, 5, 3), REFERENCE);
    }

    @Test
    void rejectsWrongSequenceLengthWithClearMessage() {
        LinearMixer block = new LinearMixer(8, 4);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BlockRunner.initialize(block, manager, manager.ones(new Shape(2, 9, 4))));
        assertTrue(e.getMessage().contains("SEQ=8"), e.getMessage());
        assertTrue(e.getMessage().contains("(2, 9, 4)"), e.getMessage());
    }

    @Test
    void staticFunctionRejectsMismatchedKernel() {
        NDArray x = manager.ones(new Shape(1, 4, 3));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LinearMixer.mix(
                        x, manager.ones(new Shape(3, 3)), manager.ones(new Shape(3, 3))));
        assertTrue(e.getMessage().contains("wSeq"), e.getMessage());
    }
}
