package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.moe.ExpertsChooseRouting;
import org.sparsemixerlab.moe.RoutingPlan;

/** Real tokens and padding counted apart, and confidence against a uniform router, on hand-made logits. */
class RoutingAccountTest {

    @Test
    void uniformLogitsAreCalledCloseToUniformAndPeakedOnesAreNot() {
        // 4 tokens, 4 experts; tokens 0-2 real, token 3 padding. Uniform logits: top-1 probability 1/4.
        float[] uniform = new float[16];
        boolean[] real = {true, true, true, false};
        RoutingAccount u = RoutingAccount.of(java.util.List.of(), 1, 4, 4, 0, 4, 1, real, uniform, false);
        assertEquals(0.25, u.confidence(), 1e-9);
        assertTrue(u.closeToUniform());
        assertTrue(u.confidenceText().contains("close to uniform"), u.confidenceText());
        // logit ln 9 on one expert, 0 elsewhere: top-1 probability 9 / (9 + 3) = 0.75
        float[] peaked = new float[16];
        for (int t = 0; t < 4; t++) {
            peaked[t * 4 + (t % 2)] = (float) Math.log(9);
        }
        RoutingAccount p = RoutingAccount.of(java.util.List.of(), 1, 4, 4, 0, 4, 1, real, peaked, false);
        assertEquals(0.75, p.confidence(), 1e-6);
        assertFalse(p.closeToUniform());
        assertArrayEquals(new int[] {2, 1, 0, 0}, p.firstChoice(), "the padding token's wish is not counted");
        assertEquals(3, p.realTokens());
        assertEquals(1, p.padding());
    }

    @Test
    void paddingSlotsAndRealLeftBehindFollowThePlan() {
        // experts-choose, 2 experts, C = 1. Probabilities for expert 0: t0 0.88, t3 (padding) 0.95;
        // for expert 1: t1 0.88, t2 0.73. Expert 0 takes the padding, expert 1 takes t1: t0 and t2
        // are left behind, 1 of the 2 slots went to [PAD].
        float[] logits = {2, 0, 0, 2, 0, 1, 3, 0};
        try (NDManager m = NDManager.newBaseManager()) {
            RoutingPlan plan = ExpertsChooseRouting.route(m.create(logits, new Shape(1, 4, 2)), 1, null);
            RoutingAccount a = RoutingAccount.of(plan.assignments(), 1, 4, 4, 0, 2, 1,
                    new boolean[] {true, true, true, false}, logits, false);
            assertEquals(1, a.paddingSlots());
            assertEquals(2, a.slots());
            assertEquals(2, a.realLeftBehind());
            assertEquals(0, a.paddingUnprocessed());
            assertEquals("2 of 3 real tokens left behind", a.leftBehindText());
            assertTrue(a.paddingText().startsWith("padding routed: 1 of 2 expert slots went to [PAD] (1 padding"),
                    a.paddingText());
            RoutingAccount excluded = RoutingAccount.of(plan.assignments(), 1, 4, 4, 0, 2, 1,
                    new boolean[] {true, true, true, false}, logits, true);
            assertTrue(excluded.paddingText().contains("kept out of routing"), excluded.paddingText());
        }
    }
}
