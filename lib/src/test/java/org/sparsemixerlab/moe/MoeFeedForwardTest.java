package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;

class MoeFeedForwardTest {
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(1234);
    }

    @AfterEach
    void close() { manager.close(); }

    private MoeFeedForward block(ModelConfig c, int batch, int seq) {
        MoeFeedForward b = new MoeFeedForward(c, 5);
        b.initialize(manager, DataType.FLOAT32, new Shape(batch, seq, c.dModel()));
        return b;
    }

    private NDArray input(int batch, int seq, int d) {
        return manager.randomNormal(0f, 1f, new Shape(batch, seq, d), DataType.FLOAT32);
    }

    /** Forward in training mode, backward of sum(y * r) + aux + z; returns the gradient norm per parameter. */
    private void assertForwardBackward(ModelConfig c, int batch, int seq) {
        MoeFeedForward b = block(c, batch, seq);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray x = input(batch, seq, c.dModel());
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList out = b.forward(ps, new NDList(x), true);
            assertEquals(new Shape(batch, seq, c.dModel()), out.get(0).getShape());
            assertEquals(new Shape(), out.get(1).getShape());
            assertEquals(new Shape(), out.get(2).getShape());
            assertEquals(new Shape(3), out.get(3).getShape());
            NDArray r = manager.randomNormal(new Shape(batch, seq, c.dModel()));
            gc.backward(out.get(0).mul(r).sum().add(out.get(1)).add(out.get(2)));
        }
        for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray g = p.getValue().getArray().getGradient();
            float norm = g.norm().getFloat();
            assertTrue(Float.isFinite(norm) && norm > 0, "gradient of " + p.getKey() + " should be non-zero, was " + norm);
        }
    }

    @Test
    void tinyPresetForwardAndBackwardReachEveryParameter() {
        assertForwardBackward(Presets.get("sparse-mixer-tiny"), 2, 64);
        assertForwardBackward(Presets.get("sparse-mixer-tiny").toBuilder()
                .routingAlgorithm(RoutingAlgorithm.TOKENS_CHOOSE).numSelectedExperts(2).build(), 2, 64);
    }

    @Test
    void sparseMixerSmallShapedLayerRunsForwardAndBackwardOnCpu() {
        ModelConfig small = Presets.get("sparse-mixer-small");
        assertEquals(512, small.dModel());
        assertEquals(16, small.numExperts());
        assertForwardBackward(small, 2, 64);
    }

    @Test
    void parametersHaveTheDocumentedShapes() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        MoeFeedForward b = block(c, 1, 8);
        int e = c.numExperts();
        int d = c.dModel();
        int f = c.expertDFf();
        assertEquals(new Shape(d, e), b.router().getParameters().get("kernel").getArray().getShape());
        assertEquals(new Shape(e), b.router().getParameters().get("bias").getArray().getShape());
        assertEquals(new Shape(e, d, f), b.experts().getParameters().get("w1").getArray().getShape());
        assertEquals(new Shape(e, f), b.experts().getParameters().get("b1").getArray().getShape());
        assertEquals(new Shape(e, f, d), b.experts().getParameters().get("w2").getArray().getShape());
        assertEquals(new Shape(e, d), b.experts().getParameters().get("b2").getArray().getShape());
        float[] w1 = b.experts().getParameters().get("w1").getArray().toFloatArray();
        double sq = 0;
        for (float v : w1) {
            sq += v * v;
        }
        assertEquals(0.02, Math.sqrt(sq / w1.length), 0.002);
        int perExpert = d * f;
        assertNotEquals(w1[0], w1[perExpert], "experts are drawn independently");
    }

    @Test
    void tokensNoExpertProcessedGetExactlyZero() {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().capacityFactor(0.5).build();
        MoeFeedForward b = block(c, 2, 64);
        RoutingTrace trace = new RoutingTrace();
        NDArray x = input(2, 64, c.dModel());
        NDList out = b.forward(new ParameterStore(manager, false), new NDList(x), false, trace.asParams());
        float[] y = out.get(0).toFloatArray();
        RoutingTrace.Layer layer = trace.layer(5);
        int leftBehind = 0;
        for (int ex = 0; ex < 2; ex++) {
            for (int pos = 0; pos < 64; pos++) {
                boolean kept = layer.assignmentsAt(ex, pos).stream().anyMatch(a -> !a.dropped());
                double rowNorm = 0;
                for (int d = 0; d < c.dModel(); d++) {
                    rowNorm += Math.abs(y[(ex * 64 + pos) * c.dModel() + d]);
                }
                if (kept) {
                    assertTrue(rowNorm > 0, "processed token (" + ex + "," + pos + ") should have output");
                } else {
                    leftBehind++;
                    assertEquals(0.0, rowNorm, "left-behind token (" + ex + "," + pos + ")");
                }
            }
        }
        assertTrue(leftBehind >= 64, "cf 0.5 experts-choose leaves at least half the tokens behind");
        assertEquals(leftBehind / 128f, out.get(3).getFloat(0), 1e-6f);
        assertEquals(1f, out.get(3).getFloat(1), 1e-6f);
    }

    @Test
    void trainingAndEvaluationUseTheirOwnCapacityFactors() {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().trainCapacityFactor(1.0)
                .evalCapacityFactor(0.5).build();
        MoeFeedForward b = block(c, 2, 64);
        RoutingTrace trace = new RoutingTrace();
        ParameterStore ps = new ParameterStore(manager, false);
        b.forward(ps, new NDList(input(2, 64, c.dModel())), false, trace.asParams());
        assertEquals(16, trace.layer(5).capacity()); // 0.5 * 128 / 4
        b.forward(ps, new NDList(input(2, 64, c.dModel())), true, trace.asParams());
        assertEquals(32, trace.layer(5).capacity()); // 1.0 * 128 / 4
        assertEquals(2, trace.layers().size());
    }

    @Test
    void traceRerouteGivesTheSamePlanAsDirectRouting() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        MoeFeedForward b = block(c, 2, 64);
        RoutingTrace trace = new RoutingTrace();
        int[][] ids = new int[2][64];
        ids[1][7] = 42;
        trace.setTokenIds(ids);
        ids[1][7] = 0; // the trace keeps its own copy
        assertEquals(42, trace.tokenId(1, 7));
        assertEquals(-1, trace.tokenId(2, 0));
        b.forward(new ParameterStore(manager, false), new NDList(input(2, 64, c.dModel())), false, trace.asParams());
        RoutingTrace.Layer layer = trace.layer(5);
        assertEquals(RoutingAlgorithm.EXPERTS_CHOOSE, layer.algorithm());
        try (NDManager sub = manager.newSubManager()) {
            RoutingPlan same = layer.reroute(sub, RoutingAlgorithm.EXPERTS_CHOOSE, 1.0, 1, true);
            assertEquals(layer.assignments(), same.assignments());
            NDArray logits = sub.create(layer.logits(), new Shape(layer.groups(), layer.tokensPerGroup(),
                    layer.experts()));
            RoutingPlan rerouted = layer.reroute(sub, RoutingAlgorithm.TOKENS_CHOOSE, 0.5, 2, true);
            RoutingPlan direct = TokensChooseRouting.route(logits, 16, 2, true);
            assertEquals(direct.assignments(), rerouted.assignments());
            assertEquals(direct.auxLoss().getFloat(), rerouted.auxLoss().getFloat());
            assertNotEquals(layer.assignments(), rerouted.assignments());
        }
        float[][] heat = layer.combineWeights(1);
        assertEquals(64, heat.length);
        assertEquals(c.numExperts(), heat[0].length);
        assertThrows(IllegalArgumentException.class, () -> trace.layer(3));
    }

    @Test
    void excludedPaddingTakesNoCapacityAndGetsZero() {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().excludePaddingFromRouting(true).build();
        MoeFeedForward b = block(c, 2, 64);
        float[] mask = new float[128];
        for (int i = 0; i < 128; i++) {
            mask[i] = (i % 64) < 40 ? 1f : 0f;  // positions 40..63 are padding
        }
        RoutingTrace trace = new RoutingTrace();
        NDList out = b.forward(new ParameterStore(manager, false),
                new NDList(input(2, 64, c.dModel()), manager.create(mask, new Shape(2, 64))), false, trace.asParams());
        float[] y = out.get(0).toFloatArray();
        RoutingTrace.Layer layer = trace.layer(5);
        for (int ex = 0; ex < 2; ex++) {
            for (int pos = 40; pos < 64; pos++) {
                assertEquals(List.of(), layer.assignmentsAt(ex, pos));
                for (int d = 0; d < c.dModel(); d++) {
                    assertEquals(0f, Math.abs(y[(ex * 64 + pos) * c.dModel() + d]));
                }
            }
        }
        // Every slot (4 experts x 32) is still filled, by the 80 real tokens only.
        int[] load = layer.expertLoad()[0];
        assertArrayEquals(new int[] {32, 32, 32, 32}, load);
    }

    @Test
    void routerJitterActsOnlyInTraining() {
        Router r = new Router(8, 3, 0.5);
        r.initialize(manager, DataType.FLOAT32, new Shape(1, 4, 8));
        NDArray x = input(1, 4, 8);
        ParameterStore ps = new ParameterStore(manager, false);
        NDArray plain = Router.logits(x, r.getParameters().get("kernel").getArray(),
                r.getParameters().get("bias").getArray());
        assertArrayEquals(plain.toFloatArray(), r.forward(ps, new NDList(x), false).head().toFloatArray());
        assertNotEquals(plain.sub(r.forward(ps, new NDList(x), true).head()).abs().sum().getFloat(), 0f);
    }

    @Test
    void forwardAndBackwardLeaveNoArraysInTheParameterManager() {
        for (RoutingAlgorithm alg : java.util.List.of(RoutingAlgorithm.EXPERTS_CHOOSE, RoutingAlgorithm.TOKENS_CHOOSE)) {
            ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().routingAlgorithm(alg).build();
            try (NDManager params = manager.newSubManager()) {
                MoeFeedForward b = new MoeFeedForward(c, 5);
                b.initialize(params, DataType.FLOAT32, new Shape(2, 64, c.dModel()));
                ParameterStore ps = new ParameterStore(params, false);
                int before = params.getManagedArrays().size();
                for (int step = 0; step < 2; step++) {
                    try (NDManager stepManager = manager.newSubManager();
                            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray x = stepManager.randomNormal(new Shape(2, 64, c.dModel()));
                        NDList out = b.forward(ps, new NDList(x), true);
                        gc.backward(out.get(0).sum().add(out.get(1)).add(out.get(2)));
                    }
                }
                assertEquals(before, params.getManagedArrays().size(), alg + ": arrays left in the model's manager");
            }
        }
    }

    @Test
    void wrongInputWidthIsRejectedWithAMessage() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        MoeFeedForward b = block(c, 1, 8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.forward(new ParameterStore(manager, false), new NDList(input(1, 8, 7)), false));
        assertTrue(e.getMessage().contains("[BATCH, SEQ, 64]"), e.getMessage());
    }
}
