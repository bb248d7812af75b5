package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Named view of what the MoE feed-forward sublayer returns (and an encoder block holding one passes
 * on). A DJL block returns an {@link NDList}; this record is how the rest of the library reads and
 * writes it, so no caller decodes slots by position.
 *
 * @param output the sublayer's output {@code [BATCH, SEQ, D_MODEL]} (after an encoder block: the
 *     block's output)
 * @param auxLoss scalar load-balancing loss of this layer (unweighted)
 * @param zLoss scalar router z-loss of this layer (unweighted)
 * @param diagnostics {@code [3]}: fraction left behind, expert usage, router confidence
 */
public record MoeOutput(NDArray output, NDArray auxLoss, NDArray zLoss, NDArray diagnostics) {
    private static final int SLOTS = 4;

    /** Whether {@code list} carries MoE outputs (a dense block returns only its output). */
    public static boolean isMoe(NDList list) {
        return list.size() == SLOTS;
    }

    /** Reads an MoE sublayer's (or MoE encoder block's) {@link NDList}. */
    public static MoeOutput of(NDList list) {
        if (!isMoe(list)) {
            throw new IllegalArgumentException("expected the " + SLOTS + " MoE outputs (output, aux, z, diagnostics); got "
                    + list.size() + " arrays");
        }
        return new MoeOutput(list.get(0), list.get(1), list.get(2), list.get(3));
    }

    /** The same routing outputs with another layer output (an encoder block's residual and norm). */
    public MoeOutput withOutput(NDArray newOutput) {
        return new MoeOutput(newOutput, auxLoss, zLoss, diagnostics);
    }

    /** The block's return value. */
    public NDList toList() {
        return new NDList(output, auxLoss, zLoss, diagnostics);
    }

    /**
     * This layer's routing metrics as one row {@code [5]} in the order of {@link RoutingMetrics}
     * (aux, z, fraction left behind, expert usage, router confidence).
     */
    public NDArray metricsRow() {
        return NDArrays.concat(new NDList(auxLoss.reshape(1), zLoss.reshape(1), diagnostics));
    }
}
