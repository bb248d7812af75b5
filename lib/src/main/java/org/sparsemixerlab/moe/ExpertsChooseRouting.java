package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import org.sparsemixerlab.config.RoutingAlgorithm;

/**
 * Experts-choose routing, the Sparse Mixer default (SPEC 2.5): each expert takes the C tokens of
 * the group with the highest router probability (lower token index first on ties); a token may be
 * processed by several experts or by none. Auxiliary load-balancing loss is 0 by definition; the
 * z-loss is computed.
 */
public final class ExpertsChooseRouting {
    private ExpertsChooseRouting() {}

    /**
     * Routes every token of every group.
     *
     * @param logits router logits {@code [G, T, E]} float32
     * @param capacity C, slots per expert; when C exceeds T the extra slots stay empty
     */
    public static RoutingPlan route(NDArray logits, int capacity) {
        return route(logits, capacity, null);
    }

    /**
     * Routes with some tokens kept out (they take no slot and count in no loss).
     *
     * @param routable flat {@code [G * T]}, false for excluded tokens; null = all routable
     */
    public static RoutingPlan route(NDArray logits, int capacity, boolean[] routable) {
        RoutingPlan.checkLogits(logits);
        int g = (int) logits.getShape().get(0);
        int t = (int) logits.getShape().get(1);
        int e = (int) logits.getShape().get(2);
        NDArray probs = logits.softmax(-1);
        RoutingTable table = RoutingTable.expertsChoose(probs.toFloatArray(), g, t, e, capacity, routable);
        NDArray weights = RoutingPlan.tokenWeights(logits.getManager(), routable, g, t);
        NDArray z = RouterLosses.zLoss(logits, weights);
        NDArray aux = logits.getManager().create(0f);
        return new RoutingPlan(RoutingAlgorithm.EXPERTS_CHOOSE, capacity, 0, false, logits, probs, table, aux, z);
    }
}
