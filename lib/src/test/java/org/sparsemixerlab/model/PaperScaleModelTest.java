package org.sparsemixerlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;

/** The paper-scale Sparse Mixer presets, whole, forward and backward on CPU at batch 1. */
class PaperScaleModelTest {

    @ParameterizedTest
    @ValueSource(strings = {"sparse-mixer-base", "fast-sparse-mixer-small"})
    void wholePresetRunsForwardAndBackward(String preset) {
        ModelConfig c = Presets.get(preset);
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(0);
            PretrainingModel model = new PretrainingModel(c);
            NDList in = TinyBatches.pretrainingInputs(m, c, 1, 8);
            model.initialize(m, DataType.FLOAT32, in.getShapes());
            ParameterStore ps = new ParameterStore(m, false);
            try (NDScope scope = new NDScope()) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDList out = model.forward(ps, in, true);
                    assertEquals(new Shape(1, 8, c.vocabSize()), out.get(0).getShape());
                    assertEquals(new Shape(4, 5), out.get(4).getShape(), "metrics of the 4 MoE layers");
                    PretrainingLoss.Parts loss = PretrainingLoss.compute(out, TinyBatches.labels(m, 1, 8, c.vocabSize()),
                            TinyBatches.ones(m, 1, 8), m.create(new int[] {1}), c);
                    assertTrue(Float.isFinite(loss.total().getFloat()));
                    gc.backward(loss.total());
                }
                var moeLayer = model.encoder().layers().get(c.layerMap().moeLayers().get(0));
                NDArray g = moeLayer.feedForward().getParameters().get(0).getValue().getArray().getGradient();
                assertTrue(g.abs().sum().getFloat() > 0, "the router of the first MoE layer receives gradient");
            }
            long heads = (long) c.dModel() * c.dEmb() + 3L * c.dEmb() + c.vocabSize() + 2L * c.dModel() + 2;
            long counted = model.getParameters().stream().mapToLong(p -> p.getValue().getArray().size()).sum();
            assertEquals(ModelSize.of(c).totalParams() + heads, counted);
        }
    }
}
