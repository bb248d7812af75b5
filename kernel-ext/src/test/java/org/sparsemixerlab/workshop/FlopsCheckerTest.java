package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlopsCheckerTest {

    /** Per-layer forward FLOPs written from SPEC 1.4/1.5/2.3; variants drop one term each. */
    private static FlopsChecker.LayerFlops flops(boolean scores, boolean capacityFactor) {
        return (c, layer) -> {
            double d = c.dModel();
            double len = c.maxSeqLength();
            double mixing = layer.isAttention() ? 8 * d * d + (scores ? 4 * len * d : 0) : 2 * len * d + 2 * d * d;
            double perToken = capacityFactor ? c.trainCapacityFactor() : 1.0;
            double ff = layer.isMoe() ? 2 * d * c.numExperts() + perToken * 4 * d * c.expertDFf() : 4 * d * c.dFf();
            return mixing + ff;
        };
    }

    @Test
    void acceptsTheLayerByLayerCount() {
        CheckReport report = FlopsChecker.check(flops(true, true));
        assertTrue(report.passed(), report.text());
    }

    @Test
    void rejectsAttentionWithoutTheScoreTermOnBert() {
        CheckReport report = FlopsChecker.check(flops(false, true));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals(0, report.casesPassed());
        assertTrue(report.hint().contains("8·d² + 4·L·d"), report.hint());
    }

    @Test
    void rejectsIgnoringTheCapacityFactorOnTheFastSparseMixer() {
        CheckReport report = FlopsChecker.check(flops(true, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.input().startsWith("fast-sparse-mixer-base"), report.input());
        assertTrue(report.hint().contains("cf 0.5 halves the expert work"), report.hint());
    }
}
