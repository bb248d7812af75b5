package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.toCube;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

import java.util.Map;
import java.util.Random;

/** Checks shared by the tests of the learned mixers (linear, circulant, Toeplitz). */
final class LearnedMixerChecks {
    private LearnedMixerChecks() {}

    /** A reference mixer in double precision: (x, sequence vector/matrix, hidden one) to y. */
    interface Reference {
        double[][][] mix(double[][][] x, double[] sequenceParams, double[] hiddenParams);
    }

    /**
     * Compares the block's parameter gradients of {@code sum(g * y)} with central finite
     * differences of the double-precision reference (exact up to rounding, since y is linear in
     * each parameter), and checks that every gradient is non-zero.
     */
    static void gradientsMatchFiniteDifferences(
            Block block, NDManager manager, Random random, Shape shape, Reference reference) {
        NDArray x = MixingReference.randomArray(manager, random, shape.getShape());
        NDArray g = MixingReference.randomArray(manager, random, shape.getShape());
        BlockRunner.initialize(block, manager, x);
        Map<String, double[]> grads = BlockRunner.gradients(block, manager, x, g);
        double[][][] xs = toCube(x);
        double[][][] gs = toCube(g);
        double[] seq = BlockRunner.values(block, TokenMixerBlock.INPUT_KERNEL);
        double[] hid = BlockRunner.values(block, TokenMixerBlock.HIDDEN_KERNEL);
        double eps = 1e-3;
        double[] expectedSeq = new double[seq.length];
        for (int i = 0; i < seq.length; i++) {
            double[] plus = seq.clone();
            double[] minus = seq.clone();
            plus[i] += eps;
            minus[i] -= eps;
            expectedSeq[i] = (MixingReference.dot(gs, reference.mix(xs, plus, hid))
                    - MixingReference.dot(gs, reference.mix(xs, minus, hid))) / (2 * eps);
        }
        double[] expectedHid = new double[hid.length];
        for (int i = 0; i < hid.length; i++) {
            double[] plus = hid.clone();
            double[] minus = hid.clone();
            plus[i] += eps;
            minus[i] -= eps;
            expectedHid[i] = (MixingReference.dot(gs, reference.mix(xs, seq, plus))
                    - MixingReference.dot(gs, reference.mix(xs, seq, minus))) / (2 * eps);
        }
        assertEquals(2, grads.size(), "gradients of input_kernel and hidden_kernel");
        MixingReference.assertFlatClose(
                expectedSeq, grads.get(TokenMixerBlock.INPUT_KERNEL), 1e-4);
        MixingReference.assertFlatClose(
                expectedHid, grads.get(TokenMixerBlock.HIDDEN_KERNEL), 1e-4);
        assertTrue(maxAbs(grads.get(TokenMixerBlock.INPUT_KERNEL)) > 1e-3, "input_kernel grad");
        assertTrue(maxAbs(grads.get(TokenMixerBlock.HIDDEN_KERNEL)) > 1e-3, "hidden_kernel grad");
    }

    /**
     * The block's output on x {@code [2, 6, 5]} equals the double-precision reference evaluated at the
     * block's own parameters, and a token mask (which mixing ignores) changes nothing.
     *
     * @param trainingWithMask whether the masked forward runs in training mode
     */
    static void blockMatchesReferenceAndIgnoresTokenMask(
            Block block, NDManager manager, Random random, Reference reference, boolean trainingWithMask) {
        NDArray x = MixingReference.randomArray(manager, random, 2, 6, 5);
        BlockRunner.initialize(block, manager, x);
        double[][][] expected = reference.mix(
                toCube(x),
                BlockRunner.values(block, TokenMixerBlock.INPUT_KERNEL),
                BlockRunner.values(block, TokenMixerBlock.HIDDEN_KERNEL));
        NDArray mask = manager.zeros(new Shape(2, 6));
        MixingReference.assertCubeClose(expected, BlockRunner.forward(block, manager, false, x), 1e-5);
        MixingReference.assertCubeClose(
                expected, BlockRunner.forward(block, manager, trainingWithMask, x, mask), 1e-5);
    }

    /** The block has exactly input_kernel and hidden_kernel with these shapes, drawn N(0, 0.02). */
    static void parametersAreNamedShapedAndInitialized(
            Block block, NDManager manager, Shape input, Shape seqShape, Shape hidShape) {
        block.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, input);
        var params = block.getParameters();
        assertEquals(2, params.size());
        assertEquals(TokenMixerBlock.INPUT_KERNEL, params.get(0).getKey());
        assertEquals(TokenMixerBlock.HIDDEN_KERNEL, params.get(1).getKey());
        Parameter seq = params.get(0).getValue();
        Parameter hid = params.get(1).getValue();
        assertEquals(seqShape, seq.getArray().getShape());
        assertEquals(hidShape, hid.getArray().getShape());
        assertTrue(seq.requiresGradient() && hid.requiresGradient());
        double[] all = concat(
                MixingReference.toDoubles(seq.getArray()),
                MixingReference.toDoubles(hid.getArray()));
        double mean = 0;
        for (double v : all) {
            mean += v / all.length;
        }
        double var = 0;
        for (double v : all) {
            var += (v - mean) * (v - mean) / all.length;
        }
        assertEquals(0.0, mean, 0.005, "mean of N(0, 0.02) draws");
        assertEquals(0.02, Math.sqrt(var), 0.004, "std of N(0, 0.02) draws");
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double maxAbs(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
