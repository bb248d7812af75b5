package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.sparsemixerlab.config.RoutingAlgorithm;

/**
 * Tokens-choose top-k routing (SPEC 2.6), with or without batch-prioritized routing: each token
 * picks its k most probable experts; all first choices (in token order, or by descending top-1
 * probability with BPR) claim slots before any second choice; a choice is dropped once its expert
 * holds C tokens. The load-balancing loss uses the choices before dropping.
 */
public final class TokensChooseRouting {
    private TokensChooseRouting() {}

    /**
     * Routes every token of every group.
     *
     * @param logits router logits {@code [G, T, E]} float32
     * @param capacity C, slots per expert and group
     * @param k experts per token, 1..E
     * @param batchPrioritized process tokens by descending top-1 probability instead of left to right
     */
    public static RoutingPlan route(NDArray logits, int capacity, int k, boolean batchPrioritized) {
        return route(logits, capacity, k, batchPrioritized, null);
    }

    /**
     * Routes with some tokens kept out (they are not queued and count in no loss).
     *
     * @param routable flat {@code [G * T]}, false for excluded tokens; null = all routable
     */
    public static RoutingPlan route(NDArray logits, int capacity, int k, boolean batchPrioritized, boolean[] routable) {
        RoutingPlan.checkLogits(logits);
        int g = (int) logits.getShape().get(0);
        int t = (int) logits.getShape().get(1);
        int e = (int) logits.getShape().get(2);
        NDArray probs = logits.softmax(-1);
        RoutingTable table = RoutingTable.tokensChoose(probs.toFloatArray(), g, t, e, capacity, k, batchPrioritized,
                routable);
        NDArray weights = RoutingPlan.tokenWeights(logits.getManager(), routable, g, t);
        NDArray choices = logits.getManager().create(table.choiceMaskShared(), new Shape(g, t, e));
        NDArray aux = RouterLosses.loadBalancingLoss(probs, choices, weights);
        NDArray z = RouterLosses.zLoss(logits, weights);
        return new RoutingPlan(RoutingAlgorithm.TOKENS_CHOOSE, capacity, k, batchPrioritized, logits, probs, table,
                aux, z);
    }
}
