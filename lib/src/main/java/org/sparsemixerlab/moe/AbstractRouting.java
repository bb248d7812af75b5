package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * The steps every routing algorithm shares, so that an implementation states only its discrete
 * decisions ({@link #decide}): checks the logits, takes the softmax over experts, computes the
 * capacity from the spec (SPEC 2.3), then the losses (SPEC 2.9): the router z-loss always, the
 * load-balancing loss when the table recorded top-k choices ({@link RoutingTable.Builder#choose})
 * and 0 otherwise. Combine weights are the raw probabilities at the kept slots; the diversity
 * metrics follow from the plan.
 */
public abstract class AbstractRouting implements Routing {

    @Override
    public final RoutingPlan route(NDArray logits, RoutingSpec spec, boolean[] routable) {
        RoutingPlan.checkLogits(logits);
        int t = (int) logits.getShape().get(1);
        int e = (int) logits.getShape().get(2);
        int capacity = ExpertCapacity.capacity(spec.capacityFactor(), t, e, spec.minCapacity());
        return routeChecked(logits, spec, capacity, routable);
    }

    /**
     * Routes with an explicit capacity C instead of the one the spec's capacity factor gives (for
     * teaching cells and tests that reason in slots).
     */
    public final RoutingPlan route(NDArray logits, RoutingSpec spec, int capacity, boolean[] routable) {
        RoutingPlan.checkLogits(logits);
        return routeChecked(logits, spec, capacity, routable);
    }

    /** Both entry points after the logits' rank and dtype were checked (once per call). */
    private RoutingPlan routeChecked(NDArray logits, RoutingSpec spec, int capacity, boolean[] routable) {
        int g = (int) logits.getShape().get(0);
        int t = (int) logits.getShape().get(1);
        int e = (int) logits.getShape().get(2);
        RoutingTable.checkShape(g, t, e, capacity);
        if (routable != null && routable.length != g * t) {
            throw new IllegalArgumentException("routable mask must have G*T=" + g * t + " entries but has "
                    + routable.length + ".");
        }
        NDArray probs = logits.softmax(-1);
        RoutingTable table = decide(new RoutingProblem(probs.toFloatArray(), g, t, e, capacity, spec, routable));
        if (table.groups() != g || table.tokensPerGroup() != t || table.experts() != e || table.capacity() != capacity) {
            throw new IllegalStateException(getClass().getSimpleName() + " returned a table of G=" + table.groups()
                    + ", T=" + table.tokensPerGroup() + ", E=" + table.experts() + ", C=" + table.capacity()
                    + " for a problem of G=" + g + ", T=" + t + ", E=" + e + ", C=" + capacity
                    + "; build it with problem.newTable().");
        }
        NDArray weights = RoutingPlan.tokenWeights(logits.getManager(), routable, g, t);
        NDArray aux = table.hasChoices()
                ? RouterLosses.loadBalancingLoss(probs,
                        logits.getManager().create(table.choiceMaskShared(), new Shape(g, t, e)), weights)
                : logits.getManager().create(0f);
        NDArray z = RouterLosses.zLoss(logits, weights);
        return new RoutingPlan(spec, capacity, logits, probs, table, aux, z);
    }

    /**
     * The discrete decisions: which token goes to which expert slot. Build the table with {@link
     * RoutingProblem#newTable()}; skip tokens for which {@link RoutingProblem#isRoutable} is false.
     */
    protected abstract RoutingTable decide(RoutingProblem problem);
}
