package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-derived routing decisions. Exact ties are produced only by identical logit rows (identical
 * softmax bits), so the tie-breaking rule is what decides.
 */
class RoutingAlgorithmsTest {
    private NDManager manager;

    @BeforeEach
    void open() { manager = NDManager.newBaseManager(); }

    @AfterEach
    void close() { manager.close(); }

    private NDArray logits(float[][] rows) {
        int t = rows.length;
        int e = rows[0].length;
        float[] flat = new float[t * e];
        for (int i = 0; i < t; i++) {
            System.arraycopy(rows[i], 0, flat, i * e, e);
        }
        return manager.create(flat, new Shape(1, t, e));
    }

    // Two experts; P[t,0] = sigmoid(logit0 - logit1).
    //   t0 [2,0]: .881/.119   t1 [0,0]: .5/.5   t2 [2,0]: .881/.119 (same row as t0)
    //   t3 [-1,0]: .269/.731  t4 [0,0]: .5/.5 (same as t1)   t5 [-3,0]: .047/.953
    // C = 3. Expert 0 ranks t0 = t2 (tie, lower first) > t1 = t4 (tie) > ... -> slots [t0, t2, t1].
    // Expert 1 ranks t5 > t3 > t1 = t4 -> slots [t5, t3, t1]. t1 gets both experts, t4 none.
    private static final float[][] EXPERTS_CHOOSE_LOGITS = {{2, 0}, {0, 0}, {2, 0}, {-1, 0}, {0, 0}, {-3, 0}};

    @Test
    void expertsChooseTakesTopTokensPerExpertWithLowerIndexOnTies() {
        RoutingPlan plan = ExpertsChooseRouting.route(logits(EXPERTS_CHOOSE_LOGITS), 3);
        int[][][] slots = plan.slotTokens();
        assertArrayEquals(new int[] {0, 2, 1}, slots[0][0]);
        assertArrayEquals(new int[] {5, 3, 1}, slots[0][1]);
        assertArrayEquals(new int[] {4}, plan.tokensLeftBehind()[0]);
        assertArrayEquals(new int[] {3, 3}, plan.expertLoad()[0]);
        assertEquals(1.0 / 6, plan.fractionLeftBehind(), 1e-12);
        assertEquals(1.0, plan.expertUsage(), 1e-12);
        assertTrue(plan.droppedAssignments().isEmpty());
        // t1 has equal probabilities for both experts: rank by weight, lower expert first.
        List<Assignment> t1 = plan.assignmentsOf(0, 1);
        assertEquals(2, t1.size());
        assertEquals(0, t1.get(0).expert());
        assertEquals(2, t1.get(0).slot());
        assertEquals(1, t1.get(1).expert());
        assertEquals(1, t1.get(1).choice());
        // router confidence = mean of the six kept probabilities
        double s = 1 / (1 + Math.exp(-2));
        double expected = (s + s + 0.5 + 1 / (1 + Math.exp(-3)) + 1 / (1 + Math.exp(-1)) + 0.5) / 6;
        assertEquals(expected, plan.routerConfidence(), 1e-6);
        assertEquals(0f, plan.auxLoss().getFloat());
    }

    @Test
    void expertsChooseLeavesSlotsEmptyWhenCapacityExceedsTokens() {
        RoutingPlan plan = ExpertsChooseRouting.route(logits(new float[][] {{1, 0}, {0, 1}}), 4);
        assertArrayEquals(new int[] {0, 1, -1, -1}, plan.slotTokens()[0][0]);
        assertEquals(0.5, plan.expertUsage(), 1e-12);
    }

    // Three experts, gates = top-1 softmax probability:
    //   t0 [1,0,0]   -> e0, gate .576      t1 [0,0,0]   -> e0 (three-way tie), gate .333
    //   t2 [1,0,0]   -> e0, gate .576      t3 [0,2,0]   -> e1, gate .787
    //   t4 [0,0,1.5] -> e2, gate .691      t5 [3,0,0]   -> e0, gate .909
    // Second choices (ties -> lower expert): t0 e1, t1 e1, t2 e1, t3 e0, t4 e0, t5 e1.
    private static final float[][] TOKENS_CHOOSE_LOGITS = {{1, 0, 0}, {0, 0, 0}, {1, 0, 0}, {0, 2, 0},
            {0, 0, 1.5f}, {3, 0, 0}};

    @Test
    void tokensChooseTopOneLeftToRightFillsExpertsInTokenOrder() {
        // Order t0..t5, C = 2: e0 takes t0 (slot 0), t1 (slot 1); t2 (slot 2) and t5 (slot 3) overflow.
        RoutingPlan plan = TokensChooseRouting.route(logits(TOKENS_CHOOSE_LOGITS), 2, 1, false);
        int[][][] slots = plan.slotTokens();
        assertArrayEquals(new int[] {0, 1}, slots[0][0]);
        assertArrayEquals(new int[] {3, -1}, slots[0][1]);
        assertArrayEquals(new int[] {4, -1}, slots[0][2]);
        assertArrayEquals(new int[] {2, 5}, plan.tokensLeftBehind()[0]);
        List<Assignment> dropped = plan.droppedAssignments();
        assertEquals(2, dropped.size());
        assertEquals(2, dropped.get(0).token());
        assertEquals(2, dropped.get(0).slot());
        assertEquals(5, dropped.get(1).token());
        assertEquals(3, dropped.get(1).slot());
        assertEquals(4.0 / 6, plan.expertUsage(), 1e-12);
    }

    @Test
    void tokensChooseBatchPrioritizedServesHighGatesFirstWithStableTies() {
        // BPR order by descending gate: t5, t3, t4, t0, t2 (tie with t0, keeps index order), t1.
        // e0 takes t5 (slot 0), t0 (slot 1); t2 and t1 overflow.
        RoutingPlan plan = TokensChooseRouting.route(logits(TOKENS_CHOOSE_LOGITS), 2, 1, true);
        assertArrayEquals(new int[] {5, 0}, plan.slotTokens()[0][0]);
        assertArrayEquals(new int[] {1, 2}, plan.tokensLeftBehind()[0]);
        List<Assignment> queue = plan.assignments(0);
        int[] tokenOrder = queue.stream().mapToInt(Assignment::token).toArray();
        assertArrayEquals(new int[] {5, 3, 4, 0, 2, 1}, tokenOrder);
    }

    @Test
    void tokensChooseTopTwoQueuesAllFirstChoicesBeforeAnySecondChoice() {
        // Round 1 (BPR order t5,t3,t4,t0,t2,t1): e0 <- t5 s0, t0 s1, t2 s2 x, t1 s3 x; e1 <- t3 s0; e2 <- t4 s0.
        // Round 2 (same order): t5 -> e1 s1 (after t3's first choice!), t3 -> e0 s4 x, t4 -> e0 s5 x,
        //                       t0 -> e1 s2 x, t2 -> e1 s3 x, t1 -> e1 s4 x.
        RoutingPlan plan = TokensChooseRouting.route(logits(TOKENS_CHOOSE_LOGITS), 2, 2, true);
        int[][][] slots = plan.slotTokens();
        assertArrayEquals(new int[] {5, 0}, slots[0][0]);
        assertArrayEquals(new int[] {3, 5}, slots[0][1]);
        assertArrayEquals(new int[] {4, -1}, slots[0][2]);
        assertArrayEquals(new int[] {1, 2}, plan.tokensLeftBehind()[0]);
        assertEquals(7, plan.droppedAssignments().size());
        List<Assignment> t5 = plan.assignmentsOf(0, 5);
        assertEquals(2, t5.size());
        assertEquals(1, t5.get(1).expert());
        assertEquals(1, t5.get(1).choice());
        assertEquals(1, t5.get(1).slot());
        assertArrayEquals(new int[] {2, 2, 1}, plan.expertLoad()[0]);
    }

    @Test
    void tokensChooseTopTwoWithoutPriorityUsesTokenOrderInBothRounds() {
        // Round 1 (t0..t5): e0 <- t0 s0, t1 s1, t2 x, t5 x; e1 <- t3 s0; e2 <- t4 s0.
        // Round 2: t0 -> e1 s1, t1 -> e1 s2 x, t2 -> e1 x, t3 -> e0 x, t4 -> e0 x, t5 -> e1 x.
        RoutingPlan plan = TokensChooseRouting.route(logits(TOKENS_CHOOSE_LOGITS), 2, 2, false);
        int[][][] slots = plan.slotTokens();
        assertArrayEquals(new int[] {0, 1}, slots[0][0]);
        assertArrayEquals(new int[] {3, 0}, slots[0][1]);
        assertArrayEquals(new int[] {2, 5}, plan.tokensLeftBehind()[0]);
    }

    @Test
    void excludedTokensTakeNoCapacity() {
        // Same as the top-1 left-to-right case, but t1 is padding: t2 moves up into e0's slot 1.
        boolean[] routable = {true, false, true, true, true, true};
        RoutingPlan plan = TokensChooseRouting.route(logits(TOKENS_CHOOSE_LOGITS), 2, 1, false, routable);
        assertArrayEquals(new int[] {0, 2}, plan.slotTokens()[0][0]);
        assertArrayEquals(new int[] {5}, plan.tokensLeftBehind()[0]);
        assertEquals(1.0 / 5, plan.fractionLeftBehind(), 1e-12);
        RoutingPlan ec = ExpertsChooseRouting.route(logits(EXPERTS_CHOOSE_LOGITS), 3,
                new boolean[] {true, false, true, true, true, true});
        // Expert 0 without t1: t0, t2, t4; expert 1: t5, t3, t4.
        assertArrayEquals(new int[] {0, 2, 4}, ec.slotTokens()[0][0]);
        assertArrayEquals(new int[] {5, 3, 4}, ec.slotTokens()[0][1]);
    }

    @Test
    void groupsAreRoutedIndependently() {
        // Group 1 repeats group 0's tokens reversed; each group has its own capacity.
        float[][] rows = EXPERTS_CHOOSE_LOGITS;
        float[] flat = new float[2 * 6 * 2];
        for (int t = 0; t < 6; t++) {
            System.arraycopy(rows[t], 0, flat, t * 2, 2);
            System.arraycopy(rows[5 - t], 0, flat, (6 + t) * 2, 2);
        }
        RoutingPlan plan = ExpertsChooseRouting.route(manager.create(flat, new Shape(2, 6, 2)), 3);
        // Reversed: old t0,t2,t1 are new 5,3,4; ties now favour the lower new index: 3 (old t2) then 5 (old t0).
        assertArrayEquals(new int[] {3, 5, 1}, plan.slotTokens()[1][0]);
        assertArrayEquals(new int[] {0, 2, 1}, plan.slotTokens()[1][1]);
    }
}
