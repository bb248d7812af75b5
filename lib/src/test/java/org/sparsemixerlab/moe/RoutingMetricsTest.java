package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.train.StepMetrics;

/** The across-layer routing summary follows the reference's {@code summarize_expert_metrics}. */
class RoutingMetricsTest {
    // Three layers whose aux losses sum to 3 and z-losses to 6, as in the reference's train_utils test.
    private static final List<RoutingMetrics> LAYERS = List.of(
            new RoutingMetrics(1.0, 1.0, 0.1, 0.7, 0.2),
            new RoutingMetrics(0.5, 2.0, 0.2, 0.8, 0.3),
            new RoutingMetrics(1.5, 3.0, 0.6, 0.9, 0.7));

    @Test
    void auxAndZAreSummedAndWeightedByTheirFactorsTheRestAveraged() {
        RoutingMetrics m = RoutingMetrics.acrossLayers(LAYERS, 0.1, 0.1);
        assertEquals(0.3, m.auxLoss(), 1e-12);
        assertEquals(0.6, m.zLoss(), 1e-12);
        assertEquals(0.3, m.fractionLeftBehind(), 1e-12);
        assertEquals(0.8, m.expertUsage(), 1e-12);
        assertEquals(0.4, m.routerConfidence(), 1e-12);
        RoutingMetrics raw = RoutingMetrics.summedAcrossLayers(LAYERS);
        assertEquals(3.0, raw.auxLoss(), 1e-12);
        assertEquals(6.0, raw.zLoss(), 1e-12);
        assertEquals(m.expertUsage(), raw.expertUsage());
        assertEquals(RoutingMetrics.ZERO, RoutingMetrics.acrossLayers(List.of(), 0.1, 0.1));
    }

    @Test
    void theStepSummaryUsesTheRunsFactors() {
        StepMetrics s = new StepMetrics(1, 1e-3, 2.0, Map.of(), LAYERS, 1, 1, 1, 0.01, 1e-4);
        assertEquals(0.03, s.moeSummary().auxLoss(), 1e-12);
        assertEquals(6e-4, s.moeSummary().zLoss(), 1e-12);
        assertEquals(3.0, s.moeSums().auxLoss(), 1e-12);
        assertEquals(0.3, s.moeSummary().fractionLeftBehind(), 1e-12);
    }
}
