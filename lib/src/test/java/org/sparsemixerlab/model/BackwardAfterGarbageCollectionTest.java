package org.sparsemixerlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.tensor.FreedNativeMemory;

/**
 * Regression test for NaN gradients in MoE pre-training: the backward pass must not depend on
 * native memory that the JVM may free between forward and backward (see ScalarArithmetic).
 */
class BackwardAfterGarbageCollectionTest {
    private static final int BATCH = 2;
    private static final int PREDICTIONS = 5;

    @Test
    void sparseMixerGradientsAreUnchangedByAGarbageCollectionBetweenForwardAndBackward() throws Exception {
        // sparse-mixer-tiny: LINEAR mixing, one attention layer, two experts-choose MoE layers.
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) c.seed());
            PretrainingModel model = new PretrainingModel(c);
            model.initialize(m, DataType.FLOAT32, TinyBatches.pretrainingInputs(m, c, BATCH, PREDICTIONS).getShapes());
            Map<String, float[]> undisturbed = gradients(model, m, c, false);
            Map<String, float[]> afterCollection = gradients(model, m, c, true);
            assertEquals(undisturbed.keySet(), afterCollection.keySet());
            for (Map.Entry<String, float[]> e : undisturbed.entrySet()) {
                float[] expected = e.getValue();
                float[] actual = afterCollection.get(e.getKey());
                for (int i = 0; i < expected.length; i++) {
                    assertTrue(Float.isFinite(expected[i]), e.getKey() + " undisturbed gradient not finite");
                    assertEquals(expected[i], actual[i], 1e-6f + 1e-5f * Math.abs(expected[i]),
                            e.getKey() + "[" + i + "]");
                }
            }
        }
    }

    /** Gradients of the pre-training loss of one fixed batch, with the dropout seed fixed; zeroed afterwards. */
    private static Map<String, float[]> gradients(PretrainingModel model, NDManager m, ModelConfig c, boolean collect)
            throws InterruptedException {
        List<ByteBuffer> poison = List.of();
        Engine.getInstance().setRandomSeed(11);
        try (NDManager sub = m.newSubManager(); NDScope scope = new NDScope()) {
            NDList in = TinyBatches.pretrainingInputs(sub, c, BATCH, PREDICTIONS);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = model.forward(new ParameterStore(m, false), in, true);
                NDArray loss = PretrainingLoss.compute(out, TinyBatches.labels(sub, BATCH, PREDICTIONS, c.vocabSize()),
                        TinyBatches.ones(sub, BATCH, PREDICTIONS), sub.create(new int[] {1, 0}), c).total();
                if (collect) {
                    poison = FreedNativeMemory.collectAndReuse();
                }
                gc.backward(loss);
            }
        }
        Reference.reachabilityFence(poison);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            try (NDScope scope = new NDScope()) {
                NDArray g = p.getValue().getArray().getGradient();
                out.put(p.getKey(), g.toFloatArray());
                g.muli(0f);
            }
        }
        return out;
    }
}
