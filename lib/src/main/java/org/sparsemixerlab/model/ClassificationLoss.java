package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.tensor.ScalarArithmetic;

/**
 * The fine-tuning objective: mean cross-entropy (classification) or mean squared error (one output,
 * regression), plus the MoE terms when {@code num_experts > 1}.
 *
 * <p>Deliberate difference from the reference (SPEC 5.7): the reference divides the already
 * averaged classification loss by the batch size a second time, which shrinks the task loss
 * relative to the MoE terms by the per-device batch. Here the task loss is a plain mean, so the
 * balance between task loss and MoE terms does not depend on the batch size.
 */
public final class ClassificationLoss {
    private ClassificationLoss() {}

    /**
     * The loss and its parts, all scalars.
     *
     * @param total what training minimises
     * @param task mean cross-entropy or mean squared error
     * @param aux summed load-balancing loss (unweighted)
     * @param z summed router z-loss (unweighted)
     */
    public record Parts(NDArray total, NDArray task, NDArray aux, NDArray z) {}

    /**
     * @param outputs logits {@code [BATCH, CLASSES]}, aux, z, metrics from {@link ClassificationModel}
     * @param labels class ids {@code [BATCH]}, or targets for regression
     */
    public static Parts compute(NDList outputs, NDArray labels, ModelConfig config) {
        NDArray logits = outputs.get(0);
        NDArray task = logits.getShape().get(1) == 1
                ? logits.squeeze(1).sub(labels.toType(logits.getDataType(), false)).square().mean()
                : PretrainingLoss.crossEntropy(logits, labels).mean();
        NDArray aux = outputs.get(1);
        NDArray z = outputs.get(2);
        NDArray total = task;
        if (config.numExperts() > 1 && config.numMoeLayers() > 0) {
            total = total.add(ScalarArithmetic.mul(aux, config.auxiliaryLossFactor()))
                    .add(ScalarArithmetic.mul(z, config.routerZLossFactor()));
        }
        return new Parts(total, task, aux, z);
    }
}
