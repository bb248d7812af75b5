package org.sparsemixerlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.model.RoutingProbe;
import org.sparsemixerlab.model.SparseMixerEncoder;
import org.sparsemixerlab.moe.Assignment;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.RoutingTrace;

/** A sample routed through a tiny initialised model, checked against the traces of the same batches. */
class RoutingSampleTest {
    static final int L = 16;
    static final int[] REAL = {16, 10, 12, 16, 7};
    static final int MASK_ID = 3;

    private static NDManager manager;
    private static SparseMixerEncoder encoder;
    private static List<PretrainingExample> examples;
    private static List<int[]> originals;

    @BeforeAll
    static void build() {
        manager = NDManager.newBaseManager();
        Engine.getInstance().setRandomSeed(5);
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().vocabSize(64).maxSeqLength(L)
                .routingAlgorithm(RoutingAlgorithm.TOKENS_CHOOSE).numSelectedExperts(1).capacityFactor(0.75)
                .minExpertCapacity(1).build();
        encoder = new SparseMixerEncoder(c);
        Shape s = new Shape(2, L);
        encoder.initialize(manager, DataType.FLOAT32, s, s, s);
        examples = new ArrayList<>();
        originals = new ArrayList<>();
        for (int e = 0; e < REAL.length; e++) {
            int[] ids = new int[L];
            int[] types = new int[L];
            int[] mask = new int[L];
            for (int p = 0; p < REAL[e]; p++) {
                ids[p] = 5 + (p * 7 + e * 11) % 59;
                types[p] = p < REAL[e] / 2 ? 0 : 1;
                mask[p] = 1;
            }
            originals.add(ids.clone());
            int[] masked = ids.clone();
            masked[1] = MASK_ID;
            masked[4] = MASK_ID;
            examples.add(new PretrainingExample(masked, types, mask, new int[] {1, 4, 0}, new int[] {ids[1], ids[4], 0},
                    new float[] {1, 1, 0}, 1));
        }
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void wholeSequencesUntilEnoughRealTokensWithTheMaskingUndone() {
        RoutingSample s = RoutingSample.collect(encoder, examples, 20, 4);
        assertEquals(26, s.tokens(), "two whole sequences cover 20 tokens");
        assertEquals(2 * L - 26, s.paddingTokens());
        int[] ids = s.tokenIds();
        int[] pos = s.positions();
        int[] seq = s.sequences();
        assertEquals(originals.get(0)[1], ids[1], "a masked position carries its original id");
        assertEquals(originals.get(1)[4], ids[16 + 4]);
        assertEquals(1, seq[16]);
        assertEquals(0, pos[16]);
        assertEquals(9, pos[25]);
        for (int i = 0; i < ids.length; i++) {
            assertTrue(ids[i] != MASK_ID && ids[i] != 0, "no [MASK] and no padding in the sample");
        }
        assertEquals(List.of(1, 2), s.layerIndices());
        assertThrows(IllegalArgumentException.class, () -> s.layer(0));
        assertThrows(IllegalArgumentException.class, () -> RoutingSample.collect(encoder, examples, 0, 4));
    }

    @Test
    void perLayerPreferencesAndKeptFlagsMatchTheTraceOfEachBatch() {
        int batch = 2;
        RoutingSample s = RoutingSample.collect(encoder, examples, 1000, batch);
        assertEquals(61, s.tokens());
        assertEquals(REAL.length * L - 61, s.paddingTokens());
        int i = 0;
        for (int from = 0; from < examples.size(); from += batch) {
            List<PretrainingExample> part = examples.subList(from, Math.min(examples.size(), from + batch));
            RoutingTrace t = RoutingProbe.traceBatch(encoder, part.stream().map(RoutingSample::unmasked).toArray(int[][]::new),
                    part.stream().map(PretrainingExample::typeIds).toArray(int[][]::new),
                    part.stream().map(PretrainingExample::tokenMask).toArray(int[][]::new));
            int start = i;
            for (int l = 0; l < 2; l++) {
                RoutingTrace.Layer tl = t.layers().get(l);
                LayerRouting r = s.layers().get(l);
                int at = start;
                for (int b = 0; b < part.size(); b++) {
                    for (int p = 0; p < REAL[from + b]; p++) {
                        float[] logits = tl.logitsAt(b, p);
                        int arg = 0;
                        for (int e = 1; e < logits.length; e++) {
                            arg = logits[e] > logits[arg] ? e : arg;
                        }
                        assertEquals(arg, r.topExpert()[at], "top expert of (" + (from + b) + ", " + p + ")");
                        boolean kept = tl.assignmentsAt(b, p).stream().anyMatch(a -> !a.dropped());
                        assertEquals(kept, r.kept()[at]);
                        at++;
                    }
                }
                i = at;
            }
        }
        assertEquals(61, i);
    }

    @Test
    void reroutingAtASmallerCapacityLeavesBehindWhatTheDirectRerouteLeaves() {
        int batch = 2;
        RoutingSample s = RoutingSample.collect(encoder, examples, 1000, batch);
        RoutingSample same = s.rerouted(0.75);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(s.layers().get(l).kept(), same.layers().get(l).kept(), "same capacity, same decisions");
        }
        RoutingSample small = s.rerouted(0.25);
        assertEquals(0.25, small.layers().get(0).capacityFactor());
        assertArrayEquals(s.layers().get(1).topExpert(), small.layers().get(1).topExpert(), "preferences unchanged");
        for (int l = 0; l < 2; l++) {
            long expectedLeft = 0;
            for (int from = 0; from < examples.size(); from += batch) {
                List<PretrainingExample> part = examples.subList(from, Math.min(examples.size(), from + batch));
                RoutingTrace t = RoutingProbe.traceBatch(encoder,
                        part.stream().map(RoutingSample::unmasked).toArray(int[][]::new),
                        part.stream().map(PretrainingExample::typeIds).toArray(int[][]::new),
                        part.stream().map(PretrainingExample::tokenMask).toArray(int[][]::new));
                RoutingTrace.Layer tl = t.layers().get(l);
                try (NDManager m = NDManager.newBaseManager()) {
                    RoutingPlan plan = tl.reroute(m, tl.algorithm(), 0.25, tl.k(), tl.batchPrioritized());
                    int[][] left = plan.tokensLeftBehind();
                    for (int g = 0; g < left.length; g++) {
                        for (int tok : left[g]) {
                            int flat = g * plan.tokensPerGroup() + tok;
                            expectedLeft += flat % L < REAL[from + flat / L] ? 1 : 0;
                        }
                    }
                    for (Assignment a : plan.assignments()) {
                        assertTrue(a.slot() >= 0);
                    }
                }
            }
            long left = 0;
            for (boolean k : small.layers().get(l).kept()) {
                left += k ? 0 : 1;
            }
            assertEquals(expectedLeft, left, "layer " + l);
            assertTrue(left > 0, "capacity 0.25 must leave tokens behind");
        }
        assertThrows(IllegalArgumentException.class, () -> s.rerouted(0));
    }
}
