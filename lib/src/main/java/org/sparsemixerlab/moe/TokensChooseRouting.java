package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * Tokens-choose top-k routing (SPEC 2.6), with or without batch-prioritized routing: each token
 * picks its k most probable experts; all first choices (in token order, or by descending top-1
 * probability with BPR) claim slots before any second choice; a choice is dropped once its expert
 * holds C tokens. The load-balancing loss uses the choices before dropping. Registered as {@code
 * tokens-choose}.
 */
public final class TokensChooseRouting extends AbstractRouting {
    /** The one instance (the rule has no state). */
    public static final TokensChooseRouting INSTANCE = new TokensChooseRouting();

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
        checkK(k, (int) logits.getShape().get(logits.getShape().dimension() - 1));
        return INSTANCE.route(logits,
                ExpertsChooseRouting.specFor(logits, capacity, k, batchPrioritized, RoutingAlgorithm.TOKENS_CHOOSE),
                capacity, routable);
    }

    /** k experts per token (an upper bound; dropped choices lower it). */
    @Override
    public double expertsPerToken(RoutingSpec spec) {
        return spec.k();
    }

    /**
     * Each token picks its k most probable experts (lower expert index first on ties). Tokens are
     * processed left to right or, with batch-prioritized routing, by descending top-1 probability
     * (stable: lower token index first on ties). All first choices are queued before any second
     * choice; a choice's slot is the number of earlier queue entries for the same expert, and it is
     * dropped when that slot is {@code >= capacity}.
     */
    @Override
    protected RoutingTable decide(RoutingProblem p) {
        int groups = p.groups();
        int tokens = p.tokens();
        int experts = p.experts();
        int k = p.spec().k();
        checkK(k, experts);
        boolean batchPrioritized = p.spec().batchPrioritized();
        RoutingTable.Builder table = p.newTable().recordChoices();
        int[][] choice = new int[tokens][k];
        int[] order = new int[tokens];
        long[] keys = new long[Math.max(tokens, experts)];
        for (int g = 0; g < groups; g++) {
            int n = 0;
            for (int t = 0; t < tokens; t++) {
                for (int e = 0; e < experts; e++) {
                    keys[e] = RoutingTable.descendingKey(p.probability(g, t, e), e);
                }
                Arrays.sort(keys, 0, experts);
                for (int j = 0; j < k; j++) {
                    choice[t][j] = (int) keys[j];
                }
                if (p.isRoutable(g, t)) {
                    order[n++] = t;
                    for (int j = 0; j < k; j++) {
                        table.choose(g, t, choice[t][j]);
                    }
                }
            }
            if (batchPrioritized) {
                for (int i = 0; i < n; i++) {
                    int t = order[i];
                    keys[i] = RoutingTable.descendingKey(p.probability(g, t, choice[t][0]), t);
                }
                Arrays.sort(keys, 0, n);
                for (int i = 0; i < n; i++) {
                    order[i] = (int) keys[i];
                }
            }
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    int t = order[i];
                    int e = choice[t][j];
                    table.offer(g, t, e, j, p.probability(g, t, e));
                }
            }
        }
        return table.build();
    }

    private static void checkK(int k, int experts) {
        if (k < 1 || k > experts) {
            throw new IllegalArgumentException("tokens-choose needs 1 <= k <= experts; got k=" + k
                    + " with " + experts + " experts. Set num_selected_experts accordingly.");
        }
    }
}
