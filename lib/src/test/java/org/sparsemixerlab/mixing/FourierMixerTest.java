package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.assertCubeClose;
import static org.sparsemixerlab.mixing.MixingReference.toCube;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FourierMixerTest {
    private static NDManager manager;
    private final Random random = new Random(11);

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
    void matchesDirectDftSumForEvenAndOddShapes(boolean useFft) {
        for (long[] shape : new long[][] {{2, 8, 4}, {2, 7, 5}}) {
            NDArray x = MixingReference.randomArray(manager, random, shape);
            double[][][] expected = MixingReference.fourier(toCube(x));
            assertCubeClose(expected, FourierMixer.mix(x, useFft), 1e-5);
        }
    }

    @Test
    void fftAndMatrixFormsAgree() {
        NDArray x = MixingReference.randomArray(manager, random, 3, 12, 6);
        double[][][] matrix = toCube(FourierMixer.mix(x, false));
        assertCubeClose(matrix, FourierMixer.mix(x, true), 1e-5);
    }

    @ParameterizedTest(name = "useFft={0}")
    @ValueSource(booleans = {false, true})
    void blockMatchesStaticFunctionAndIgnoresTokenMask(boolean useFft) {
        FourierMixer block = new FourierMixer(6, 5, useFft);
        NDArray x = MixingReference.randomArray(manager, random, 2, 6, 5);
        BlockRunner.initialize(block, manager, x);
        NDArray mask = manager.create(new float[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0},
                new Shape(2, 6));
        double[][][] expected = MixingReference.fourier(toCube(x));
        assertCubeClose(expected, BlockRunner.forward(block, manager, false, x), 1e-5);
        assertCubeClose(expected, BlockRunner.forward(block, manager, true, x, mask), 1e-5);
    }

    @Test
    void hasNoParametersAndKeepsShape() {
        FourierMixer block = new FourierMixer(8, 4, false);
        assertTrue(block.getParameters().isEmpty());
        Shape in = new Shape(3, 8, 4);
        assertArrayEquals(new Shape[] {in}, block.getOutputShapes(new Shape[] {in}));
    }

    @Test
    void rejectsWrongSequenceLengthWithClearMessage() {
        FourierMixer block = new FourierMixer(8, 4, false);
        NDArray x = manager.ones(new Shape(2, 6, 4));
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BlockRunner.forward(block, manager, false, x));
        assertTrue(e.getMessage().contains("SEQ=8"), e.getMessage());
        assertTrue(e.getMessage().contains("(2, 6, 4)"), e.getMessage());
        assertTrue(e.getMessage().contains("max_seq_length"), e.getMessage());
    }

    @Test
    void gradientWithRespectToInputIsTheTransposedTransform() {
        // Y = C X C - S X S is linear in X with symmetric C, S, so d sum(G*Y)/dX = Re(F G F).
        NDArray x = MixingReference.randomArray(manager, random, 1, 6, 4);
        NDArray g = MixingReference.randomArray(manager, random, 1, 6, 4);
        x.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector collector =
                ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            collector.backward(FourierMixer.mix(x, false).mul(g).sum());
        }
        double[][][] expected = MixingReference.fourier(toCube(g));
        assertCubeClose(expected, x.getGradient(), 1e-5);
        assertEquals(new Shape(1, 6, 4), x.getGradient().getShape());
    }
}
