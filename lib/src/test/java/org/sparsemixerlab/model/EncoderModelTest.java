package org.sparsemixerlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparsemixerlab.config.Architecture;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;

class EncoderModelTest {
    private static final int BATCH = 2;
    private static final int PREDICTIONS = 5;

    private static PretrainingModel build(NDManager m, ModelConfig c) {
        Engine.getInstance().setRandomSeed((int) c.seed());
        PretrainingModel model = new PretrainingModel(c);
        model.initialize(m, DataType.FLOAT32, TinyBatches.pretrainingInputs(m, c, BATCH, PREDICTIONS).getShapes());
        return model;
    }

    private static long countParameters(PretrainingModel model) {
        long n = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sparse-mixer-tiny", "fast-sparse-mixer-tiny", "bert-tiny", "fnet-tiny"})
    void parameterCountEqualsTheAnalyticSizePlusHeads(String preset) {
        ModelConfig c = Presets.get(preset);
        try (NDManager m = NDManager.newBaseManager()) {
            PretrainingModel model = build(m, c);
            long heads = (long) c.dModel() * c.dEmb() + 3L * c.dEmb() + c.vocabSize() + 2L * c.dModel() + 2;
            assertEquals(ModelSize.of(c).totalParams() + heads, countParameters(model));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"BERT", "F_NET", "H_NET", "LINEAR", "C_NET", "T_NET"})
    void everyArchitectureRunsForwardAndBackwardAndEveryParameterGetsAGradient(String arch) {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().architecture(Architecture.valueOf(arch))
                .numAttentionLayers(arch.equals("BERT") ? 0 : 1).build();
        try (NDManager m = NDManager.newBaseManager()) {
            PretrainingModel model = build(m, c);
            NDList in = TinyBatches.pretrainingInputs(m, c, BATCH, PREDICTIONS);
            ParameterStore ps = new ParameterStore(m, false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = model.forward(ps, in, true);
                assertEquals(new Shape(BATCH, PREDICTIONS, c.vocabSize()), out.get(0).getShape());
                assertEquals(new Shape(BATCH, 2), out.get(1).getShape());
                PretrainingLoss.Parts loss = PretrainingLoss.compute(out,
                        TinyBatches.labels(m, BATCH, PREDICTIONS, c.vocabSize()), TinyBatches.ones(m, BATCH, PREDICTIONS),
                        m.create(new int[] {1, 0}), c);
                assertTrue(Float.isFinite(loss.total().getFloat()));
                gc.backward(loss.total());
            }
            List<String> noGradient = new ArrayList<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                try (NDScope scope = new NDScope()) {
                    NDArray g = p.getValue().getArray().getGradient();
                    // The key bias adds the same score to every key of a query; softmax cancels it,
                    // so its true gradient is zero (only rounding makes it non-zero).
                    if (!p.getKey().endsWith("key_bias") && g.abs().sum().getFloat() == 0f) {
                        noGradient.add(p.getKey());
                    }
                }
            }
            assertEquals(List.of(), noGradient, "parameters without gradient");
        }
    }

    @Test
    void aSingleMoeLayerReportsItsOwnLossesAsTheTotals() {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().numMoeLayers(1)
                .routingAlgorithm(RoutingAlgorithm.TOKENS_CHOOSE).build();
        try (NDManager m = NDManager.newBaseManager()) {
            PretrainingModel model = build(m, c);
            NDList out = model.forward(new ParameterStore(m, false), TinyBatches.pretrainingInputs(m, c, BATCH, PREDICTIONS),
                    true);
            float[] row = out.get(4).toFloatArray();
            assertEquals(new Shape(1, 5), out.get(4).getShape());
            assertTrue(row[0] > 0f, "tokens-choose has a load-balancing loss");
            assertEquals(row[0], out.get(2).getFloat(), 1e-6f);
            assertEquals(row[1], out.get(3).getFloat(), 1e-6f);
        }
    }

    @Test
    void sameSeedGivesIdenticalOutputsAndAnotherSeedDiffers() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = TinyBatches.pretrainingInputs(m, c, BATCH, PREDICTIONS);
            float[] a = build(m, c).forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
            float[] b = build(m, c).forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
            float[] other = build(m, c.toBuilder().seed(1).build()).forward(new ParameterStore(m, false), in, false)
                    .get(0).toFloatArray();
            assertArrayEquals(a, b);
            assertTrue(Math.abs(a[0] - other[0]) > 0 || Math.abs(a[1] - other[1]) > 0);
        }
    }

    @Test
    void savedParametersLoadIntoAFreshModelWithIdenticalOutputs(@TempDir Path dir) throws Exception {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        Path file = dir.resolve("tiny.params");
        try (NDManager m = NDManager.newBaseManager()) {
            NDList in = TinyBatches.pretrainingInputs(m, c, BATCH, PREDICTIONS);
            PretrainingModel original = build(m, c);
            float[] before = original.forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
            ModelFiles.save(file, c, original);
            ModelConfig stored = ModelFiles.readConfig(file);
            assertEquals(c, stored);
            PretrainingModel copy = new PretrainingModel(stored.toBuilder().seed(99).build());
            assertThrows(java.io.IOException.class, () -> ModelFiles.load(file, copy.config(), copy, m));
            PretrainingModel fresh = new PretrainingModel(stored);
            ModelFiles.load(file, stored, fresh, m);
            float[] after = fresh.forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
            assertArrayEquals(before, after);
            assertTrue(Files.list(dir).allMatch(p -> p.getFileName().toString().equals("tiny.params")),
                    "no temporary files left behind");
        }
    }

    @Test
    void wrongSequenceLengthIsRejectedWithTheExpectedShape() {
        ModelConfig c = Presets.get("bert-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            PretrainingModel model = build(m, c);
            NDList in = TinyBatches.pretrainingInputs(m, c.toBuilder().maxSeqLength(32).build(), BATCH, PREDICTIONS);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.forward(new ParameterStore(m, false), in, false));
            assertTrue(e.getMessage().contains("[BATCH, 64]"), e.getMessage());
        }
    }

    @Test
    void nativeMemoryStaysFlatOverManyTrainingSteps() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            PretrainingModel model = build(m, c);
            ParameterStore ps = new ParameterStore(m, false);
            int[] live = new int[3];
            for (int step = 0; step < 60; step++) {
                try (NDManager sub = m.newSubManager(); NDScope scope = new NDScope()) {
                    NDList in = TinyBatches.pretrainingInputs(sub, c, BATCH, PREDICTIONS);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = model.forward(ps, in, true);
                        gc.backward(PretrainingLoss.compute(out, TinyBatches.labels(sub, BATCH, PREDICTIONS, c.vocabSize()),
                                TinyBatches.ones(sub, BATCH, PREDICTIONS), sub.create(new int[] {1, 0}), c).total());
                    }
                }
                if (step == 10) {
                    live[0] = liveArrays(m);
                } else if (step == 59) {
                    live[1] = liveArrays(m);
                }
            }
            assertEquals(live[0], live[1], "arrays attached to the model's manager grew between step 10 and 59");
        }
    }

    private static int liveArrays(NDManager m) {
        return ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
    }
}
