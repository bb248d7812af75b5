package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.sparsemixerlab.config.DispatchForm;
import org.sparsemixerlab.tensor.RowGather;

/**
 * Moving tokens into expert slots and weighted expert outputs back (SPEC 2.1, 2.7), in either
 * form. MASK contracts the dense {@code [G, T, E, C]} tensors with matrix products (reference
 * style); INDEX gathers rows by the plan's indices and never builds a {@code [G, T, E, C]} tensor.
 * The engine has no scatter-add, so INDEX combines by one gather of every kept contribution from
 * the expert outputs (whose backward accumulates), ordered so that tokens with the same number of
 * contributions form blocks that a reshape and a sum reduce, then one gather back to token order. Both forms give the same numbers; empty slots have combine weight 0.
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
            return RowGather.rows(x.reshape(g * (long) t, d), plan.dispatchIndex()).reshape(e, (long) g * c, d);
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
            return combineByIndex(plan, expertOut.reshape((long) e * g * c, d)).reshape(g, t, d);
        }
        NDArray perGroup = expertOut.reshape(e, g, c, d).transpose(1, 0, 2, 3).reshape(g, (long) e * c, d);
        return plan.combineWeights().reshape(g, t, (long) e * c).matMul(perGroup);
    }

    /** INDEX combine from flat expert outputs {@code [E * G * C, D]} to flat tokens {@code [G * T, D]}. */
    private static NDArray combineByIndex(RoutingPlan plan, NDArray rows) {
        long d = rows.getShape().get(1);
        RoutingPlan.GroupedCombine gc = plan.groupedCombine();
        NDArray weighted = RowGather.rows(rows, gc.slots()).mul(gc.weights().expandDims(1));
        NDList parts = new NDList();
        long[] cuts = new long[Math.max(gc.sizes().length - 1, 0)];
        long offset = 0;
        for (int i = 0; i < cuts.length; i++) {
            offset += (long) gc.sizes()[i] * gc.counts()[i];
            cuts[i] = offset;
        }
        NDList blocks = gc.sizes().length == 0 ? new NDList() : weighted.split(cuts, 0);
        for (int i = 0; i < blocks.size(); i++) {
            NDArray block = blocks.get(i);
            int count = gc.counts()[i];
            parts.add(count == 1 ? block : block.reshape(gc.sizes()[i], count, d).sum(new int[] {1}));
        }
        if (gc.zeroTokens() > 0) {
            parts.add(rows.getManager().zeros(new Shape(gc.zeroTokens(), d), rows.getDataType()));
        }
        NDArray stacked = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
        return RowGather.rows(stacked, gc.inverseOrder());
    }
}
