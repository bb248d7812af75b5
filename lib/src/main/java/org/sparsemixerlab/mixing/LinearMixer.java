package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Learned dense mixing, the Sparse Mixer default (SPEC 1.4, {@code LINEAR}): per example, {@code
 * Y = W_seq X W_hid}, i.e. {@code Y[n, k] = sum_i sum_j W_seq[n, i] X[i, j] W_hid[j, k]}. Note
 * that W_hid is applied un-transposed, unlike the circulant and Toeplitz hidden matrices.
 *
 * <ul>
 *   <li>{@code input_kernel} W_seq: {@code [SEQ, SEQ]}, N(0, 0.02)
 *   <li>{@code hidden_kernel} W_hid: {@code [D_MODEL, D_MODEL]}, N(0, 0.02)
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class LinearMixer extends TokenMixerBlock {
    private final Parameter inputKernel;
    private final Parameter hiddenKernel;

    /**
     * @param maxSeqLength L
     * @param dModel d
     */
    public LinearMixer(int maxSeqLength, int dModel) {
        super(maxSeqLength, dModel, null);
        inputKernel = addMixingParameter(INPUT_KERNEL, new Shape(maxSeqLength, maxSeqLength));
        hiddenKernel = addMixingParameter(HIDDEN_KERNEL, new Shape(dModel, dModel));
    }

    /**
     * The linear mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]}
     * @param wSeq {@code [SEQ, SEQ]}
     * @param wHid {@code [D_MODEL, D_MODEL]}
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray mix(NDArray x, NDArray wSeq, NDArray wHid) {
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        requireShape(wSeq, new Shape(seq, seq), "LinearMixer", "wSeq");
        requireShape(wHid, new Shape(width, width), "LinearMixer", "wHid");
        NDArray hiddenMixed = x.matMul(wHid); // [B, L, d]
        return AxisProducts.leftMultiply(wSeq, hiddenMixed);
    }

    @Override
    protected NDArray mix(
            ParameterStore parameterStore, NDArray x, NDList constants, boolean training) {
        return mix(
                x,
                valueOf(parameterStore, inputKernel, x, training),
                valueOf(parameterStore, hiddenKernel, x, training));
    }
}
