package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import org.sparsemixerlab.tensor.ScalarArithmetic;

/** The router's auxiliary losses (SPEC 2.9), pure functions of NDArrays. */
public final class RouterLosses {
    private RouterLosses() {}

    /**
     * Load-balancing loss {@code E^2 * mean_{g,e}(f[g,e] * pbar[g,e])} with {@code f} the share of
     * the group's tokens whose top-k choices include e (before capacity dropping) and {@code pbar}
     * the mean probability of e. Uniform routing gives k. Gradient flows through {@code pbar}.
     *
     * @param probs router probabilities {@code [G, T, E]}
     * @param choiceMask 0/1 top-k choices {@code [G, T, E]}
     * @param tokenWeights {@code [G, T]} 1 for routable tokens, 0 for excluded ones; null = all 1
     * @return scalar loss
     */
    public static NDArray loadBalancingLoss(NDArray probs, NDArray choiceMask, NDArray tokenWeights) {
        long e = probs.getShape().get(2);
        NDArray f;
        NDArray pbar;
        if (tokenWeights == null) {
            f = choiceMask.mean(new int[] {1});
            pbar = probs.mean(new int[] {1});
        } else {
            NDArray w = tokenWeights.expandDims(2);
            NDArray count = tokenWeights.sum(new int[] {1}, true).maximum(1f);
            f = choiceMask.mul(w).sum(new int[] {1}).div(count);
            pbar = probs.mul(w).sum(new int[] {1}).div(count);
        }
        return ScalarArithmetic.mul(pbar.mul(f).mean(), (double) (e * e));
    }

    /**
     * Router z-loss {@code mean_{g,t}(logsumexp_e(logits[g, t, e])^2)} (ST-MoE). The engine has no
     * logsumexp; {@code logits - logSoftmax(logits)} equals it in every entry (stable, three ops).
     *
     * @param logits router logits {@code [G, T, E]}
     * @param tokenWeights {@code [G, T]} 1 for tokens that count, 0 otherwise; null = all 1
     * @return scalar loss
     */
    public static NDArray zLoss(NDArray logits, NDArray tokenWeights) {
        NDArray lse = logits.sub(logits.logSoftmax(-1)).get("..., 0");
        NDArray sq = lse.square();
        if (tokenWeights == null) {
            return sq.mean();
        }
        return sq.mul(tokenWeights).sum().div(tokenWeights.sum().maximum(1f));
    }
}
