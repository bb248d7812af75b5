package org.sparsemixerlab.moe;

import org.sparsemixerlab.config.RoutingSpec;

/**
 * A third routing rule defined outside the library's main code, as a test of the extension point:
 * token t of every group goes to expert {@code t mod E} and takes that expert's next free slot
 * (dropped when the expert is full); the combine weight is the router probability, so the router
 * still learns. One class plus {@code Routings.register("round-robin", new RoundRobinRouting())}.
 */
public final class RoundRobinRouting extends AbstractRouting {
    public static final String NAME = "round-robin";

    @Override
    protected RoutingTable decide(RoutingProblem p) {
        RoutingTable.Builder table = p.newTable();
        for (int g = 0; g < p.groups(); g++) {
            for (int t = 0; t < p.tokens(); t++) {
                if (p.isRoutable(g, t)) {
                    int e = t % p.experts();
                    table.offer(g, t, e, 0, p.probability(g, t, e));
                }
            }
        }
        return table.build();
    }

    @Override
    public double expertsPerToken(RoutingSpec spec) {
        return 1;
    }
}
