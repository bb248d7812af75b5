package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * Experts-choose routing, the Sparse Mixer default (SPEC 2.5): each expert takes the C tokens of
 * the group with the highest router probability (lower token index first on ties); a token may be
 * processed by several experts or by none. Auxiliary load-balancing loss is 0 by definition (no
 * top-k choices); the z-loss is computed. Registered as {@code experts-choose}.
 */
public final class ExpertsChooseRouting extends AbstractRouting {
    /** The one instance (the rule has no state). */
    public static final ExpertsChooseRouting INSTANCE = new ExpertsChooseRouting();

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
        return INSTANCE.route(logits, specFor(logits, capacity, 1, false, RoutingAlgorithm.EXPERTS_CHOOSE), capacity,
                routable);
    }

    /** Experts-choose fills E * C slots per group of T tokens: cf experts per token on average. */
    @Override
    public double expertsPerToken(RoutingSpec spec) {
        return spec.capacityFactor();
    }

    /**
     * Every expert takes the {@code capacity} routable tokens of the group with the largest
     * probability, in descending order (slot = rank), lower token index first on ties. A token's
     * choice is its rank among the experts that picked it (descending weight, lower expert first).
     */
    @Override
    protected RoutingTable decide(RoutingProblem p) {
        int groups = p.groups();
        int tokens = p.tokens();
        int experts = p.experts();
        List<Assignment> list = new ArrayList<>();
        long[] keys = new long[tokens];
        for (int g = 0; g < groups; g++) {
            for (int e = 0; e < experts; e++) {
                int n = 0;
                for (int t = 0; t < tokens; t++) {
                    if (p.isRoutable(g, t)) {
                        keys[n++] = RoutingTable.descendingKey(p.probability(g, t, e), t);
                    }
                }
                // Ascending keys = descending probability, then ascending token index (ties).
                Arrays.sort(keys, 0, n);
                for (int c = 0; c < Math.min(n, p.capacity()); c++) {
                    int t = (int) keys[c];
                    list.add(new Assignment(g, t, e, 0, c, p.probability(g, t, e), false));
                }
            }
        }
        List<List<Assignment>> perToken = new ArrayList<>();
        for (int i = 0; i < groups * tokens; i++) {
            perToken.add(new ArrayList<>());
        }
        for (Assignment a : list) {
            perToken.get(a.group() * tokens + a.token()).add(a);
        }
        List<Assignment> ranked = new ArrayList<>(list.size());
        for (List<Assignment> own : perToken) {
            own.sort((a, b) -> a.weight() != b.weight() ? Float.compare(b.weight(), a.weight())
                    : Integer.compare(a.expert(), b.expert()));
            for (int r = 0; r < own.size(); r++) {
                Assignment a = own.get(r);
                ranked.add(new Assignment(a.group(), a.token(), a.expert(), r, a.slot(), a.weight(), false));
            }
        }
        ranked.sort((a, b) -> a.group() != b.group() ? Integer.compare(a.group(), b.group())
                : a.expert() != b.expert() ? Integer.compare(a.expert(), b.expert()) : Integer.compare(a.slot(), b.slot()));
        RoutingTable.Builder table = p.newTable();
        for (Assignment a : ranked) {
            table.place(a.group(), a.token(), a.expert(), a.choice(), a.slot(), a.weight());
        }
        return table.build();
    }

    /**
     * The spec recorded in a plan routed with an explicit capacity: the capacity factor that gives
     * exactly that capacity ({@code C * E / T}) and no floor.
     */
    static RoutingSpec specFor(NDArray logits, int capacity, int k, boolean bpr, RoutingAlgorithm algorithm) {
        RoutingPlan.checkLogits(logits);
        int t = (int) logits.getShape().get(1);
        int e = (int) logits.getShape().get(2);
        RoutingTable.checkShape((int) logits.getShape().get(0), t, e, capacity);
        return new RoutingSpec(algorithm, (double) capacity * e / t, 0, Math.max(1, k), bpr);
    }
}
