package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Learned Toeplitz mixing (SPEC 1.4, {@code T_NET}): per example, {@code Y = Toep(v_seq) X
 * Toep(v_hid)^T} with {@code Toep(v)[r, k] = v[k - r + n - 1]} for v of length 2n - 1.
 *
 * <p>Matrix form (default): gather both Toeplitz matrices and multiply. FFT form ({@code
 * useFft}): embed each Toeplitz matrix as the top-left block of a 2n circulant ({@link
 * StructuredMatrices#toeplitzCirculantEmbedding}), zero-pad X to 2L (then 2d) along the mixed
 * axis, convolve circularly with real FFTs, and crop back to L (then d).
 *
 * <ul>
 *   <li>{@code input_kernel} v_seq: {@code [2 SEQ - 1]}, N(0, 0.02)
 *   <li>{@code hidden_kernel} v_hid: {@code [2 D_MODEL - 1]}, N(0, 0.02)
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class ToeplitzMixer extends TokenMixerBlock {
    private final boolean useFft;
    private final Parameter inputKernel;
    private final Parameter hiddenKernel;

    /**
     * @param maxSeqLength L
     * @param dModel d
     * @param useFft compute with FFTs of a 2n circulant embedding instead of matrix products
     */
    public ToeplitzMixer(int maxSeqLength, int dModel, boolean useFft) {
        super(maxSeqLength, dModel, manager -> indices(manager, maxSeqLength, dModel, useFft));
        this.useFft = useFft;
        inputKernel = addMixingParameter(INPUT_KERNEL, new Shape(2L * maxSeqLength - 1));
        hiddenKernel = addMixingParameter(HIDDEN_KERNEL, new Shape(2L * dModel - 1));
    }

    /** Whether this block computes with FFTs. */
    public boolean useFft() {
        return useFft;
    }

    /**
     * The Toeplitz mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]}
     * @param vSeq {@code [2 SEQ - 1]}, diagonals of the sequence Toeplitz matrix
     * @param vHid {@code [2 D_MODEL - 1]}, diagonals of the hidden Toeplitz matrix
     * @param useFft FFT form instead of matrix form
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray mix(NDArray x, NDArray vSeq, NDArray vHid, boolean useFft) {
        int seq = Math.toIntExact(x.getShape().get(1));
        int width = Math.toIntExact(x.getShape().get(2));
        requireShape(vSeq, new Shape(2L * seq - 1), "ToeplitzMixer", "vSeq (2 SEQ - 1 values)");
        requireShape(vHid, new Shape(2L * width - 1), "ToeplitzMixer", "vHid (2 D_MODEL - 1)");
        NDList indices = indices(x.getManager(), seq, width, useFft);
        return useFft ? fftForm(x, vSeq, vHid, indices) : matrixForm(x, vSeq, vHid, indices);
    }

    private static NDList indices(NDManager manager, int seq, int width, boolean useFft) {
        return useFft
                ? new NDList(
                        StructuredMatrices.toeplitzEmbeddingIndex(manager, seq),
                        StructuredMatrices.toeplitzEmbeddingIndex(manager, width))
                : new NDList(
                        StructuredMatrices.toeplitzIndex(manager, seq),
                        StructuredMatrices.toeplitzIndex(manager, width));
    }

    private static NDArray matrixForm(NDArray x, NDArray vSeq, NDArray vHid, NDList indices) {
        NDManager owner = x.getManager();
        NDArray hidden = vHid.take(owner, indices.get(1)); // Toep(v_hid), [d, d]
        NDArray sequence = vSeq.take(owner, indices.get(0)); // Toep(v_seq), [L, L]
        return AxisProducts.leftMultiply(sequence, x.matMul(hidden.transpose()));
    }

    private static NDArray fftForm(NDArray x, NDArray vSeq, NDArray vHid, NDList indices) {
        NDManager owner = x.getManager();
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        // rfft with length 2n zero-pads the input to 2n along that axis
        NDArray seqKernel = vSeq.take(owner, indices.get(0)); // [2L]
        NDArray seqSpectrum = seqKernel.rfft(2 * seq, 0).reshape(1, seq + 1, 1);
        NDArray z = x.rfft(2 * seq, 1).mul(seqSpectrum).irfft(2 * seq, 1)
                .get(":, 0:" + seq + ", :"); // [B, L, d]
        NDArray hiddenKernel = vHid.take(owner, indices.get(1)); // [2d]
        NDArray hiddenSpectrum = hiddenKernel.rfft(2 * width, 0);
        return z.rfft(2 * width, 2).mul(hiddenSpectrum).irfft(2 * width, 2)
                .get(":, :, 0:" + width);
    }

    @Override
    protected NDArray mix(
            ParameterStore parameterStore, NDArray x, NDList constants, boolean training) {
        NDArray vSeq = valueOf(parameterStore, inputKernel, x, training);
        NDArray vHid = valueOf(parameterStore, hiddenKernel, x, training);
        return useFft
                ? fftForm(x, vSeq, vHid, constants)
                : matrixForm(x, vSeq, vHid, constants);
    }
}
