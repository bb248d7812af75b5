package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import org.sparsemixerlab.config.DispatchForm;

/**
 * Moving tokens into expert slots and weighted expert outputs back (SPEC 2.1, 2.7), in either
 * form. MASK contracts the dense {@code [G, T, E, C]} tensors with matrix products (reference
 * style); INDEX gathers rows by the plan's indices and never builds a {@code [G, T, E, C]} tensor.
 * The engine has no scatter-add, so INDEX combines by a gather from the expert outputs (whose
 * backward accumulates) for every token's first assignment, then adds further assignments layer
 * by layer with an in-place indexed update at tokens that are unique within the layer. Both forms give the same numbers; empty slots have combine weight 0.
 */
public final class MoeDispatch {
    private MoeDispatch() {}

    /**
     * Expert inputs.
     *
     * @param x grouped tokens {@code [G, T, D_MODEL]}
     * @return {@code [E, G * C, D_MODEL]}
     */
    public static NDArray dispatch(RoutingPlan plan, NDArray x, DispatchForm form) {
        int g = plan.groups();
        int t = plan.tokensPerGroup();
        int e = plan.experts();
        int c = plan.capacity();
        long d = x.getShape().get(2);
        if (form == DispatchForm.INDEX) {
            return x.reshape(g * (long) t, d).get(new NDIndex("{}", plan.dispatchIndex())).reshape(e, (long) g * c, d);
        }
        NDArray mask = plan.dispatchMask().reshape(g, t, (long) e * c).transpose(0, 2, 1);
        return mask.matMul(x).reshape(g, e, c, d).transpose(1, 0, 2, 3).reshape(e, (long) g * c, d);
    }

    /**
     * Weighted sum of each token's kept expert outputs; 0 for tokens no expert processed.
     *
     * @param expertOut {@code [E, G * C, D_MODEL]}
     * @return {@code [G, T, D_MODEL]}
     */
    public static NDArray combine(RoutingPlan plan, NDArray expertOut, DispatchForm form) {
        int g = plan.groups();
        int t = plan.tokensPerGroup();
        int e = plan.experts();
        int c = plan.capacity();
        long d = expertOut.getShape().get(2);
        if (form == DispatchForm.INDEX) {
            NDArray rows = expertOut.reshape((long) e * g * c, d);
            RoutingPlan.CombineLayer first = plan.combineLayer(0);
            NDArray y = rows.get(new NDIndex("{}", first.slots())).mul(first.weights().expandDims(1));
            for (int j = 1; j < plan.maxAssignmentsPerToken(); j++) {
                RoutingPlan.CombineLayer layer = plan.combineLayer(j);
                NDIndex at = new NDIndex("{}", layer.tokens());
                NDArray more = rows.get(new NDIndex("{}", layer.slots())).mul(layer.weights().expandDims(1));
                y.set(at, y.get(at).add(more)); // tokens are unique within a layer: plain index_put
            }
            return y.reshape(g, t, d);
        }
        NDArray perGroup = expertOut.reshape(e, g, c, d).transpose(1, 0, 2, 3).reshape(g, (long) e * c, d);
        return plan.combineWeights().reshape(g, t, (long) e * c).matMul(perGroup);
    }
}
