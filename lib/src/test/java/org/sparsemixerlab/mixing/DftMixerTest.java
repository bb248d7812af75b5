package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.assertCubeClose;
import static org.sparsemixerlab.mixing.MixingReference.toCube;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsemixerlab.mixing.DftMixer.Transform;

/** Fourier and Hartley mixing (both {@link DftMixer}s) against a direct DFT sum in doubles. */
class DftMixerTest {
    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    private static Random random(Transform t) {
        return new Random(t == Transform.FOURIER ? 11 : 12);
    }

    /** The independent double-precision reference of each transform. */
    private static double[][][] reference(Transform t, double[][][] x) {
        return t == Transform.FOURIER ? MixingReference.fourier(x) : MixingReference.hartley(x);
    }

    private static NDArray mix(Transform t, NDArray x, boolean useFft) {
        return t == Transform.FOURIER ? FourierMixer.mix(x, useFft) : HartleyMixer.mix(x, useFft);
    }

    private static DftMixer block(Transform t, int seq, int width, boolean useFft) {
        return t == Transform.FOURIER ? new FourierMixer(seq, width, useFft) : new HartleyMixer(seq, width, useFft);
    }

    static Stream<Arguments> transformsAndForms() {
        return Stream.of(Transform.values())
                .flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    @ParameterizedTest(name = "{0} useFft={1}")
    @MethodSource("transformsAndForms")
    void matchesDirectDftSumForEvenAndOddShapes(Transform t, boolean useFft) {
        Random random = random(t);
        for (long[] shape : new long[][] {{2, 8, 4}, {2, 7, 5}}) {
            NDArray x = MixingReference.randomArray(manager, random, shape);
            assertCubeClose(reference(t, toCube(x)), mix(t, x, useFft), 1e-5);
        }
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void fftAndMatrixFormsAgree(Transform t) {
        NDArray x = MixingReference.randomArray(manager, random(t), 3, 12, 6);
        assertCubeClose(toCube(mix(t, x, false)), mix(t, x, true), 1e-5);
    }

    @ParameterizedTest(name = "{0} useFft={1}")
    @MethodSource("transformsAndForms")
    void blockMatchesStaticFunctionAndIgnoresTokenMask(Transform t, boolean useFft) {
        DftMixer block = block(t, 6, 5, useFft);
        NDArray x = MixingReference.randomArray(manager, random(t), 2, 6, 5);
        BlockRunner.initialize(block, manager, x);
        NDArray mask = manager.create(new float[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0}, new Shape(2, 6));
        double[][][] expected = reference(t, toCube(x));
        assertCubeClose(expected, BlockRunner.forward(block, manager, false, x), 1e-5);
        assertCubeClose(expected, BlockRunner.forward(block, manager, true, x, mask), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void hasNoParametersAndKeepsShape(Transform t) {
        DftMixer block = block(t, 8, 4, false);
        assertTrue(block.getParameters().isEmpty());
        Shape in = new Shape(3, 8, 4);
        assertArrayEquals(new Shape[] {in}, block.getOutputShapes(new Shape[] {in}));
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void rejectsWrongSequenceLengthWithClearMessage(Transform t) {
        DftMixer block = block(t, 8, 4, false);
        NDArray x = manager.ones(new Shape(2, 6, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockRunner.forward(block, manager, false, x));
        assertTrue(e.getMessage().contains("SEQ=8"), e.getMessage());
        assertTrue(e.getMessage().contains("(2, 6, 4)"), e.getMessage());
        assertTrue(e.getMessage().contains("max_seq_length"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void gradientWithRespectToInputIsTheTransformOfTheUpstreamGradient(Transform t) {
        // Both outputs are sums of products of X with the symmetric C and S matrices (the Hartley
        // cas(a + b) kernel is symmetric in its index pairs too), so d sum(G*Y)/dX = transform(G).
        Random random = random(t);
        NDArray x = MixingReference.randomArray(manager, random, 1, 6, 4);
        NDArray g = MixingReference.randomArray(manager, random, 1, 6, 4);
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(mix(t, x, false).mul(g).sum());
        }
        assertCubeClose(reference(t, toCube(g)), x.getGradient(), 1e-5);
        assertEquals(new Shape(1, 6, 4), x.getGradient().getShape());
    }
}
