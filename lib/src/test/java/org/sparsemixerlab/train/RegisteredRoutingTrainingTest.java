package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.moe.ExpertCapacity;
import org.sparsemixerlab.moe.RoundRobinRouting;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.moe.Routings;
import org.sparsemixerlab.moe.TokensChooseRouting;

/**
 * A routing registered at run time (the test-scope {@link RoundRobinRouting}) is used by name from
 * the configuration: the model trains with it, a trace records it, and the trace re-routes under it
 * and under a built-in.
 */
class RegisteredRoutingTrainingTest {

    @Test
    void aRoutingRegisteredAtRunTimeTrainsTracesAndReroutes() {
        Routings.register(RoundRobinRouting.NAME, new RoundRobinRouting());
        ModelConfig config = Presets.get("sparse-mixer-tiny").toBuilder().routingAlgorithm(RoundRobinRouting.NAME)
                .build();
        TrainingSettings settings = TrainingSettings.defaults(3).withBatchSize(4).withLearningRate(1e-3, 1)
                .withEvaluation(0, 1);
        List<StepMetrics> steps = new ArrayList<>();
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.bertUncased()) {
            PretrainingData data = PretrainingData.prepare(config, tokenizer, List.of("moby-dick"), 8, 0);
            try (PretrainingRun run = new PretrainingRun(config, settings, data, Device.cpu(), null)) {
                run.addListener(new TrainingListener() {
                    @Override
                    public void onStep(StepMetrics m) {
                        steps.add(m);
                    }
                }).run();
                assertEquals(3, steps.size());
                // Round-robin: position t of a group of T tokens takes slot t / E; left behind when t / E >= C.
                int tokens = settings.batchSize() * config.maxSeqLength();
                int t = tokens / ExpertCapacity.numGroups(tokens, config.maxGroupSize());
                int c = ExpertCapacity.capacity(config.trainCapacityFactor(), t, config.numExperts(),
                        config.minExpertCapacity());
                double left = (double) Math.max(0, t - c * config.numExperts()) / t;
                for (StepMetrics m : steps) {
                    assertTrue(Double.isFinite(m.loss()));
                    assertEquals(config.layerMap().moeLayers().size(), m.moeLayers().size());
                    for (RoutingMetrics layer : m.moeLayers()) {
                        assertEquals(left, layer.fractionLeftBehind(), 1e-9);
                        assertEquals(0.0, layer.auxLoss());
                    }
                }
                assertNotEquals(steps.get(0).loss(), steps.get(2).loss(), "the model learns");

                RoutingTrace trace = new RoutingTrace();
                try (NDManager m = run.manager().newSubManager()) {
                    int len = config.maxSeqLength();
                    long[] ids = new long[len];
                    float[] mask = new float[len];
                    for (int i = 0; i < len; i++) {
                        ids[i] = 100 + i;
                        mask[i] = 1f;
                    }
                    Shape s = new Shape(1, len);
                    run.model().encoder().forward(new ParameterStore(m, false),
                            new NDList(m.create(ids, s), m.zeros(s, DataType.INT64), m.create(mask, s)), false,
                            trace.asParams());
                    RoutingTrace.Layer layer = trace.layers().get(0);
                    assertEquals(RoutingAlgorithm.of("round-robin"), layer.algorithm());
                    for (var a : layer.assignments()) {
                        assertEquals(a.token() % config.numExperts(), a.expert());
                    }
                    RoutingPlan again = layer.reroute(m, layer.spec());
                    assertEquals(layer.assignments(), again.assignments());
                    RoutingPlan tokensChoose = layer.reroute(m, layer.spec().withAlgorithm(RoutingAlgorithm.TOKENS_CHOOSE));
                    NDArray logits = m.create(layer.logits(), new Shape(layer.groups(), layer.tokensPerGroup(),
                            layer.experts()));
                    RoutingPlan direct = TokensChooseRouting.route(logits, layer.capacity(), layer.k(),
                            layer.batchPrioritized());
                    assertEquals(direct.assignments(), tokensChoose.assignments());
                    assertNotEquals(layer.assignments(), tokensChoose.assignments());
                }
            }
        }
    }
}
