package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.tensor.ScalarArithmetic;

/**
 * The pre-training objective (SPEC 1.8): {@code loss = mlm_sum / mlm_norm + nsp_sum / nsp_count +
 * aux_factor * sum(aux) + z_factor * sum(z)}, the MoE terms only when {@code num_experts > 1}.
 */
public final class PretrainingLoss {
    private PretrainingLoss() {}

    /**
     * The loss and its parts, all scalars {@code []}.
     *
     * @param total what training minimises
     * @param mlm weighted mean cross-entropy over the masked predictions
     * @param nsp mean next-sentence cross-entropy
     * @param aux summed load-balancing loss (unweighted)
     * @param z summed router z-loss (unweighted)
     */
    public record Parts(NDArray total, NDArray mlm, NDArray nsp, NDArray aux, NDArray z) {}

    /**
     * Per-row cross-entropy {@code -log softmax(logits)[label]}.
     *
     * @param logits {@code [..., CLASSES]}
     * @param labels {@code [...]} integer class ids
     * @return {@code [...]}
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(-1);
        return logp.gather(labels.toType(DataType.INT64, false).expandDims(-1), -1).squeeze(-1).neg();
    }

    /**
     * Computes the loss from the outputs of {@link PretrainingModel}.
     *
     * @param outputs MLM logits {@code [BATCH, P, VOCAB]}, NSP logits {@code [BATCH, 2]}, aux, z, metrics
     * @param maskedLabels original ids at the masked positions {@code [BATCH, P]}
     * @param maskedWeights 1 for a real prediction, 0 for padding {@code [BATCH, P]}
     * @param nspLabels 1 when the segments are in their original order {@code [BATCH]}
     */
    public static Parts compute(NDList outputs, NDArray maskedLabels, NDArray maskedWeights,
            NDArray nspLabels, ModelConfig config) {
        NDArray weights = maskedWeights.toType(DataType.FLOAT32, false);
        NDArray mlmSum = crossEntropy(outputs.get(0), maskedLabels).mul(weights).sum();
        NDArray mlm = mlmSum.div(weights.sum().maximum(1f));
        NDArray nsp = crossEntropy(outputs.get(1), nspLabels).mean();
        NDArray aux = outputs.get(2);
        NDArray z = outputs.get(3);
        NDArray total = mlm.add(nsp);
        if (config.numExperts() > 1 && config.numMoeLayers() > 0) {
            total = total.add(ScalarArithmetic.mul(aux, config.auxiliaryLossFactor()))
                    .add(ScalarArithmetic.mul(z, config.routerZLossFactor()));
        }
        return new Parts(total, mlm, nsp, aux, z);
    }
}
