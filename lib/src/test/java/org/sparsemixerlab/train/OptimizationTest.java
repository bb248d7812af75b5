package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class OptimizationTest {

    @Test
    void scheduleMatchesTheReferenceUnitTestVector() {
        // SPEC 3.2: base 1, warm-up 2, decay over 4 steps (total 6): 0, 0.5, 1, 0.75, 0.5, 0.25.
        LearningRateSchedule s = new LearningRateSchedule(1.0, 2, 6);
        double[] expected = {0, 0.5, 1, 0.75, 0.5, 0.25, 0};
        for (int step = 0; step < expected.length; step++) {
            assertEquals(expected[step], s.rate(step), 1e-12, "step " + step);
        }
    }

    @Test
    void scheduleRejectsWarmupLongerThanTraining() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LearningRateSchedule(1e-3, 20, 10));
        assertEquals(true, e.getMessage().contains("warmup 20"));
    }

    private static PairList<String, Parameter> oneParameter(NDManager m, float[] values) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(values.length)).optInitializer(new ConstantInitializer(0f)).build();
        p.initialize(m, DataType.FLOAT32);
        p.getArray().set(values);
        PairList<String, Parameter> list = new PairList<>();
        list.add("w", p);
        return list;
    }

    /** Gradient of sum(c * w^2) is 2 c w. */
    private static void backward(PairList<String, Parameter> params, float[] c) {
        NDArray w = params.get(0).getValue().getArray();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(w.square().mul(w.getManager().create(c)).sum());
        }
    }

    @Test
    void adamWMatchesADoublePrecisionReferenceOverSeveralSteps() {
        adamWAgainstDoubleReference(new float[] {1f, 3f, 0.25f}, 1e-5, AdamW.DEFAULT_SLICE_ELEMENTS);
    }

    /** The sliced path (slices of 2 elements over 3: one full slice, one partial) against the same reference. */
    @Test
    void adamWInSlicesMatchesTheDoublePrecisionReference() {
        adamWAgainstDoubleReference(new float[] {1f, 3f, 0.25f}, 1e-5, 2);
    }

    /** Slices along several leading axes of a 3-D parameter give bit-identical updates to the whole-array update. */
    @Test
    void slicedUpdatesOfAThreeDimensionalParameterEqualTheWholeUpdate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed(3);
            float[] start = manager.randomNormal(new Shape(60)).toFloatArray();
            float[] c = manager.randomNormal(new Shape(60)).toFloatArray();
            float[][] results = new float[2][];
            long[] slices = {AdamW.DEFAULT_SLICE_ELEMENTS, 7};
            for (int k = 0; k < 2; k++) {
                Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                        .optShape(new Shape(3, 4, 5)).optInitializer(new ConstantInitializer(0f)).build();
                p.initialize(manager, DataType.FLOAT32);
                p.getArray().set(start);
                PairList<String, Parameter> params = new PairList<>();
                params.add("w", p);
                try (AdamW opt = new AdamW(AdamW.Settings.reference(), manager, slices[k])) {
                    for (int t = 0; t < 3; t++) {
                        NDArray w = p.getArray();
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.backward(w.square().mul(manager.create(c).reshape(3, 4, 5)).sum());
                        }
                        opt.step(params, 0.05);
                        assertArrayEquals(new float[60], w.getGradient().toFloatArray(), 0f, "gradient zeroed");
                    }
                }
                results[k] = p.getArray().toFloatArray();
            }
            assertArrayEquals(results[0], results[1], 0f);
            assertTrue(!java.util.Arrays.equals(start, results[1]), "the updates moved the weights");
        }
    }

    /**
     * Gradients near epsilon (1e-6) make the update depend on where epsilon sits relative to the bias
     * correction: sqrt(v_hat) + eps, as in the reference, not sqrt(v) + eps.
     */
    @Test
    void adamWPlacesEpsilonAfterTheBiasCorrectionForTinyGradients() {
        adamWAgainstDoubleReference(new float[] {1e-6f, 3e-6f, 2.5e-7f}, 1e-5, AdamW.DEFAULT_SLICE_ELEMENTS);
    }

    private static void adamWAgainstDoubleReference(float[] c, double tolerance, long sliceElements) {
        float[] start = {0.5f, -1.5f, 2f};
        AdamW.Settings s = AdamW.Settings.reference();
        double[] w = {0.5, -1.5, 2};
        double[] m = new double[3];
        double[] v = new double[3];
        try (NDManager manager = NDManager.newBaseManager(); AdamW opt = new AdamW(s, manager, sliceElements)) {
            PairList<String, Parameter> params = oneParameter(manager, start);
            double lr = 0.1;
            for (int t = 1; t <= 4; t++) {
                backward(params, c);
                opt.step(params, lr);
                for (int i = 0; i < 3; i++) {
                    double g = 2 * c[i] * w[i];
                    m[i] = s.beta1() * m[i] + (1 - s.beta1()) * g;
                    v[i] = s.beta2() * v[i] + (1 - s.beta2()) * g * g;
                    double mh = m[i] / (1 - Math.pow(s.beta1(), t));
                    double vh = v[i] / (1 - Math.pow(s.beta2(), t));
                    w[i] -= lr * (mh / (Math.sqrt(vh) + s.epsilon()) + s.weightDecay() * w[i]);
                }
            }
            float[] got = params.get(0).getValue().getArray().toFloatArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(w[i], got[i], tolerance, "w[" + i + "]");
            }
            assertArrayEquals(new float[3], params.get(0).getValue().getArray().getGradient().toFloatArray(), 0f,
                    "gradients are zeroed after the update");
        }
    }

    @Test
    void savedOptimizerStateContinuesIdentically() throws Exception {
        float[] c = {1f, 2f, 3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> a = oneParameter(manager, new float[] {1f, 1f, 1f});
            PairList<String, Parameter> b = oneParameter(manager, new float[] {1f, 1f, 1f});
            try (AdamW optA = new AdamW(AdamW.Settings.reference(), manager);
                    AdamW optB = new AdamW(AdamW.Settings.reference(), manager)) {
                for (int t = 0; t < 2; t++) {
                    backward(a, c);
                    optA.step(a, 0.05);
                    backward(b, c);
                    optB.step(b, 0.05);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                optB.save(new DataOutputStream(bytes));
                try (AdamW restored = new AdamW(AdamW.Settings.reference(), manager)) {
                    restored.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                    assertEquals(2, restored.updates());
                    backward(a, c);
                    optA.step(a, 0.05);
                    backward(b, c);
                    restored.step(b, 0.05);
                }
                assertArrayEquals(a.get(0).getValue().getArray().toFloatArray(),
                        b.get(0).getValue().getArray().toFloatArray());
            }
        }
    }

    @Test
    void clippingScalesTheGlobalNormDownToTheLimit() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PairList<String, Parameter> params = oneParameter(manager, new float[] {3f, 4f});
            backward(params, new float[] {0.5f, 0.5f}); // gradient = w = (3, 4), norm 5
            assertEquals(5.0, GradientNorms.clip(params, 1.0), 1e-5);
            float[] g = params.get(0).getValue().getArray().getGradient().toFloatArray();
            assertArrayEquals(new float[] {0.6f, 0.8f}, g, 1e-6f);
            assertEquals(1.0, GradientNorms.globalNorm(params), 1e-5);
        }
    }

    @Test
    void nonFiniteGradientsAreLocatedAtTheHighestAffectedLayer() {
        assertEquals("it appeared in or above encoder layer 1", GradientNorms.whereItAppeared(java.util.List.of(
                "01encoder_01embeddings_word_embeddings", "01encoder_02layer_00_03feed_forward_intermediate_kernel",
                "01encoder_03layer_01_03moe_02experts_w1")));
        assertEquals("it appeared in the embeddings",
                GradientNorms.whereItAppeared(java.util.List.of("01encoder_01embeddings_type_embeddings")));
    }

    @Test
    void f1CountsThePositiveClass() {
        assertEquals(2.0 * 3 / (2 * 3 + 1 + 2), FineTuningTask.f1(3, 1, 2), 1e-12);
        assertEquals(0.0, FineTuningTask.f1(0, 4, 4));
    }
}
