package org.sparsemixerlab.moe;

import org.sparsemixerlab.config.RoutingSpec;

/**
 * What {@link AbstractRouting#decide} gets: the router probabilities copied into plain Java, the
 * shape, the capacity already computed from the spec, and which tokens take part.
 *
 * @param probabilities softmax of the logits over experts, flat row-major {@code [G, T, E]}
 * @param groups G
 * @param tokens T, tokens per group
 * @param experts E
 * @param capacity C, slots per expert and group
 * @param spec the routing spec (k, BPR, ...)
 * @param routable flat {@code [G * T]}, false for excluded tokens; null = all routable
 */
public record RoutingProblem(float[] probabilities, int groups, int tokens, int experts, int capacity,
        RoutingSpec spec, boolean[] routable) {

    /** {@code P[g, t, e]}. */
    public float probability(int group, int token, int expert) {
        return probabilities[(group * tokens + token) * experts + expert];
    }

    /** Whether token t of group g takes part in routing. */
    public boolean isRoutable(int group, int token) {
        return routable == null || routable[group * tokens + token];
    }

    /** A table builder of this shape, with the routable mask set. */
    public RoutingTable.Builder newTable() {
        return RoutingTable.builder(groups, tokens, experts, capacity).routable(routable);
    }
}
