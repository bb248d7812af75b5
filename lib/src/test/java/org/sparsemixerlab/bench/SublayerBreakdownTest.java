package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;

class SublayerBreakdownTest {

    @Test
    void sparseMixerRowsCoverEverySublayerKindWithItsCountPerStep() {
        ModelConfig c = Presets.get("sparse-mixer-tiny"); // 4 layers: 1 attention, 2 MoE
        try (NDManager m = NDManager.newBaseManager()) {
            SublayerBreakdown.Result r = SublayerBreakdown.measure(m, c, 2, null, 0, 1);
            List<String> names = r.rows().stream().map(SublayerBreakdown.Row::name).toList();
            assertEquals(List.of("mixing (linear)", "attention", "layer norm", "dense FF",
                    "moe router (+routing plan, losses)", "moe dispatch + combine",
                    "moe experts (layer - routing path)", "(moe experts alone, not summed)"), names);
            int[] counts = r.rows().stream().mapToInt(SublayerBreakdown.Row::perModel).toArray();
            assertArrayEquals(new int[] {3, 1, 8, 2, 2, 2, 2, 0}, counts);
            // Times themselves are not asserted (no timed assertions): differences of two timings can
            // come out negative on a busy machine. What must hold is that a model with MoE layers gets
            // a measured time per row and an overhead share, a ratio of two direct timings (BERT: NaN).
            assertTrue(r.rows().stream().allMatch(row -> Double.isFinite(row.msPerCall())));
            assertTrue(r.moeOverheadShare() > 0, "an MoE model reports its routing overhead share");
        }
    }

    @Test
    void bertHasNoMixingNoMoeAndNoOverheadShare() {
        try (NDManager m = NDManager.newBaseManager()) {
            SublayerBreakdown.Result r = SublayerBreakdown.measure(m, Presets.get("bert-tiny"), 2, null, 0, 1);
            assertEquals(List.of("attention", "layer norm", "dense FF"),
                    r.rows().stream().map(SublayerBreakdown.Row::name).toList());
            assertTrue(Double.isNaN(r.moeOverheadShare()));
        }
    }

    @Test
    void matmulShapesFollowTheConfiguration() {
        ModelConfig c = Presets.get("sparse-mixer-base"); // d 512, d_ff 2048, L 512, 16 experts, cf 1
        Map<String, long[]> s = MatmulPeak.shapes(c, 2);
        assertArrayEquals(new long[] {1, 1024, 512, 2048}, s.get("FF in [B*L,d]x[d,d_ff] 1024x512x2048"));
        assertArrayEquals(new long[] {1, 512, 512, 1024}, s.get("seq mixing [L,L]x[L,B*d] 512x512x1024"));
        // one group of 1024 tokens, capacity 1024 / 16 = 64 slots per expert
        assertArrayEquals(new long[] {16, 64, 512, 2048}, s.get("experts [E][G*C,d]x[d,F] 16*64x512x2048"));
    }
}
