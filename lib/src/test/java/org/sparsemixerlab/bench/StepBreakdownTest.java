package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.moe.Routing;
import org.sparsemixerlab.moe.Routings;

class StepBreakdownTest {

    @Test
    void partsAreTimedPerThreadSettingAndTheRoutingRuleAndThreadCountAreRestored() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        Routing rule = Routings.get(c.routingAlgorithm());
        ai.djl.engine.Engine.getInstance(); // the thread calls need the native library loaded
        int threads = JniUtils.getNumThreads();
        List<StepBreakdown.Result> r = StepBreakdown.measure(c, 2, 0, 3, new int[] {1, threads});
        assertSame(rule, Routings.get(c.routingAlgorithm()), "the timing wrapper is unregistered afterwards");
        assertEquals(threads, JniUtils.getNumThreads(), "the thread count in force before is restored");
        assertEquals(List.of(1, threads), r.stream().map(StepBreakdown.Result::threads).toList());
        for (StepBreakdown.Result x : r) {
            assertEquals(c.numMoeLayers(), x.routingCalls(), "one routing call per MoE layer and step");
            assertEquals(StepBreakdown.PARTS.length, x.partsMs().length);
            for (int p = 1; p < x.partsMs().length; p++) {
                assertTrue(x.partsMs()[p] > 0, StepBreakdown.PARTS[p] + " took time");
            }
            // no assertion relating the parts' times to the step's: medians of timings on a shared
            // machine (two engine threads can collapse under load) are not a contract
        }
        String table = StepBreakdown.table("sparse-mixer-tiny", 2, 64, r);
        for (String part : StepBreakdown.PARTS) {
            assertTrue(table.contains(part), table);
        }
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, StepBreakdown.median(new double[] {3, 1, 2}));
        assertEquals(2.5, StepBreakdown.median(new double[] {4, 1, 3, 2}));
    }
}
