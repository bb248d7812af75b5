package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * A routing algorithm: turns router logits {@code [G, T, E]} and a {@link RoutingSpec} into a
 * {@link RoutingPlan}. Implementations are found by name through {@link Routings}; most extend
 * {@link AbstractRouting}, which does the shared steps (probabilities, capacity, losses) and asks
 * only for the discrete decisions. An implementation keeps no state between calls and uses no
 * randomness, so that a recorded trace re-routes to the same plan.
 */
public interface Routing {

    /**
     * Routes every routable token of every group.
     *
     * @param logits router logits {@code [G, T, E]} float32 (the plan's NDArrays live in their manager)
     * @param spec algorithm knobs: capacity factor and floor, k, BPR
     * @param routable flat {@code [G * T]}, false for tokens kept out of routing (they take no slot
     *     and count in no loss); null = all routable
     */
    RoutingPlan route(NDArray logits, RoutingSpec spec, boolean[] routable);

    /**
     * Average number of experts that process one token under {@code spec}, for FLOP estimates and
     * the even-load line of utilization charts. Default 1.
     */
    default double expertsPerToken(RoutingSpec spec) {
        return 1;
    }
}
