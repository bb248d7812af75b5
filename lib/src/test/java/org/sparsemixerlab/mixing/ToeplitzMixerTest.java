package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.assertCubeClose;
import static org.sparsemixerlab.mixing.MixingReference.toeplitz;
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

class ToeplitzMixerTest {
    private static final LearnedMixerChecks.Reference REFERENCE = (x, seq, hid) ->
            MixingReference.sandwich(toeplitz(seq), x, transpose(toeplitz(hid)));

    private static NDManager manager;
    private final Random random = new Random(41);

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
            NDArray vSeq = MixingReference.randomArray(manager, random, 2 * shape[1] - 1);
            NDArray vHid = MixingReference.randomArray(manager, random, 2 * shape[2] - 1);
            double[][][] expected = REFERENCE.mix(toCube(x), toDoubles(vSeq), toDoubles(vHid));
            assertCubeClose(expected, ToeplitzMixer.mix(x, vSeq, vHid, useFft), 1e-5);
        }
    }

    @Test
    void fftAndMatrixFormsAgree() {
        NDArray x = MixingReference.randomArray(manager, random, 3, 9, 6);
        NDArray vSeq = MixingReference.randomArray(manager, random, 17);
        NDArray vHid = MixingReference.randomArray(manager, random, 11);
        double[][][] matrix = toCube(ToeplitzMixer.mix(x, vSeq, vHid, false));
        assertCubeClose(matrix, ToeplitzMixer.mix(x, vSeq, vHid, true), 1e-5);
    }

    @ParameterizedTest(name = "useFft={0}")
    @ValueSource(booleans = {false, true})
    void blockMatchesReferenceAndIgnoresTokenMask(boolean useFft) {
        LearnedMixerChecks.blockMatchesReferenceAndIgnoresTokenMask(
                new ToeplitzMixer(6, 5, useFft), manager, random, REFERENCE, true);
    }

    @Test
    void parametersAreDiagonalVectorsOfLength2nMinus1DrawnFromNormal002() {
        LearnedMixerChecks.parametersAreNamedShapedAndInitialized(
                new ToeplitzMixer(512, 256, false), manager, new Shape(1, 512, 256),
                new Shape(1023), new Shape(511));
    }

    @ParameterizedTest(name = "useFft={0}")
    @ValueSource(booleans = {false, true})
    void gradientsReachBothVectorsAndMatchFiniteDifferences(boolean useFft) {
        LearnedMixerChecks.gradientsMatchFiniteDifferences(
                new ToeplitzMixer(5, 4, useFft), manager, random, new Shape(2, 5, 4), REFERENCE);
    }

    @Test
    void rejectsWrongSequenceLengthWithClearMessage() {
        ToeplitzMixer block = new ToeplitzMixer(8, 4, true);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BlockRunner.initialize(block, manager, manager.ones(new Shape(2, 7, 4))));
        assertTrue(e.getMessage().contains("SEQ=8"), e.getMessage());
    }
}
