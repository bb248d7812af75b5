package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Named view of the encoder's outputs.
 *
 * @param sequence final hidden states {@code [BATCH, SEQ, D_MODEL]}
 * @param pooled tanh pooler on token 0, {@code [BATCH, D_MODEL]}
 * @param auxLoss load-balancing loss summed over MoE layers (unweighted), {@code []}
 * @param zLoss router z-loss summed over MoE layers (unweighted), {@code []}
 * @param moeMetrics per MoE layer (aux, z, fraction left behind, expert usage, router confidence),
 *     {@code [MOE_LAYERS, 5]}
 */
public record EncoderOutput(NDArray sequence, NDArray pooled, NDArray auxLoss, NDArray zLoss, NDArray moeMetrics) {

    /** Reads the encoder's {@link NDList}. */
    public static EncoderOutput of(NDList list) {
        return new EncoderOutput(list.get(0), list.get(1), list.get(2), list.get(3), list.get(4));
    }
}
