package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.assertCubeClose;
import static org.sparsemixerlab.mixing.MixingReference.circulant;
import static org.sparsemixerlab.mixing.MixingReference.toCube;
import static org.sparsemixerlab.mixing.MixingReference.toDoubles;
import static org.sparsemixerlab.mixing.MixingReference.transpose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CirculantMixerTest {
    private static final LearnedMixerChecks.Reference REFERENCE = (x, seq, hid) ->
            MixingReference.sandwich(circulant(seq), x, transpose(circulant(hid)));

    private static NDManager manager;
    private final Random random = new Random(31);

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @ParameterizedTest(name = "useFft={0}")
    @ValueSource(booleans = {false, true})
    void matchesLoopReferenceForEvenAndOddShapes(boolean useFft) {
        for (long[] shape : new long[][] {{2, 8, 4}, {2, 7, 5}}) {
            NDArray x = MixingReference.randomArray(manager, random, shape);
            NDArray cSeq = MixingReference.randomArray(manager, random, shape[1]);
            NDArray cHid = MixingReference.randomArray(manager, random, shape[2]);
            double[][][] expected = REFERENCE.mix(toCube(x), toDoubles(cSeq), toDoubles(cHid));
            assertCubeClose(expected, CirculantMixer.mix(x, cSeq, cHid, useFft), 1e-5);
        }
    }

    @Test
    void fftAndMatrixFormsAgree() {
        NDArray x = MixingReference.randomArray(manager, random, 3, 9, 6);
        NDArray cSeq = MixingReference.randomArray(manager, random, 9);
        NDArray cHid = MixingReference.randomArray(manager, random, 6);
        double[][][] matrix = toCube(CirculantMixer.mix(x, cSeq, cHid, false));
        assertCubeClose(matrix, CirculantMixer.mix(x, cSeq, cHid, true), 1e-5);
    }

    @ParameterizedTest(name = "useFft={0}")
    @ValueSource(booleans = {false, true})
    void blockMatchesReferenceAndIgnoresTokenMask(boolean useFft) {
        LearnedMixerChecks.blockMatchesReferenceAndIgnoresTokenMask(
                new CirculantMixer(6, 5, useFft), manager, random, REFERENCE, true);
    }

    @Test
    void parametersAreSequenceAndHiddenVectorsDrawnFromNormal002() {
        LearnedMixerChecks.parametersAreNamedShapedAndInitialized(
                new CirculantMixer(512, 256, false), manager, new Shape(1, 512, 256),
                new Shape(512), new Shape(256));
    }

    @ParameterizedTest(name = "useFft={0}")
    @ValueSource(booleans = {false, true})
    void gradientsReachBothVectorsAndMatchFiniteDifferences(boolean useFft) {
        LearnedMixerChecks.gradientsMatchFiniteDifferences(
                new CirculantMixer(5, 4, useFft), manager, random, new Shape(2, 5, 4), REFERENCE);
    }

    @Test
    void rejectsWrongSequenceLengthWithClearMessage() {
        CirculantMixer block = new CirculantMixer(8, 4, true);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BlockRunner.initialize(block, manager, manager.ones(new Shape(2, 7, 4))));
        assertTrue(e.getMessage().contains("SEQ=8"), e.getMessage());
    }
}
