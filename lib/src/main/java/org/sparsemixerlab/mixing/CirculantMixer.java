package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Learned circulant mixing (SPEC 1.4, {@code C_NET}): per example, {@code Y = Circ(c_seq) X
 * Circ(c_hid)^T} with {@code Circ(c)[r, k] = c[(r - k) mod n]}.
 *
 * <p>Matrix form (default): gather both circulant matrices from their vectors and multiply. FFT
 * form ({@code useFft}): each product is a circular convolution of the vector with every column
 * (sequence axis) or row (hidden axis), computed with real FFTs of length L and d.
 *
 * <ul>
 *   <li>{@code input_kernel} c_seq: {@code [SEQ]}, N(0, 0.02)
 *   <li>{@code hidden_kernel} c_hid: {@code [D_MODEL]}, N(0, 0.02)
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class CirculantMixer extends TokenMixerBlock {
    private final boolean useFft;
    private final Parameter inputKernel;
    private final Parameter hiddenKernel;

    /**
     * @param maxSeqLength L
     * @param dModel d
     * @param useFft compute with FFTs instead of circulant matrix products
     */
    public CirculantMixer(int maxSeqLength, int dModel, boolean useFft) {
        super(
                maxSeqLength,
                dModel,
                useFft ? null : manager -> indices(manager, maxSeqLength, dModel));
        this.useFft = useFft;
        inputKernel = addMixingParameter(INPUT_KERNEL, new Shape(maxSeqLength));
        hiddenKernel = addMixingParameter(HIDDEN_KERNEL, new Shape(dModel));
    }

    /** Whether this block computes with FFTs. */
    public boolean useFft() {
        return useFft;
    }

    /**
     * The circulant mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]}
     * @param cSeq {@code [SEQ]}, first column of the sequence circulant
     * @param cHid {@code [D_MODEL]}, first column of the hidden circulant
     * @param useFft FFT form instead of matrix form
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray mix(NDArray x, NDArray cSeq, NDArray cHid, boolean useFft) {
        int seq = Math.toIntExact(x.getShape().get(1));
        int width = Math.toIntExact(x.getShape().get(2));
        requireShape(cSeq, new Shape(seq), "CirculantMixer", "cSeq");
        requireShape(cHid, new Shape(width), "CirculantMixer", "cHid");
        if (useFft) {
            return fftForm(x, cSeq, cHid);
        }
        return matrixForm(x, cSeq, cHid, indices(x.getManager(), seq, width));
    }

    private static NDList indices(NDManager manager, int seq, int width) {
        return new NDList(
                StructuredMatrices.circulantIndex(manager, seq),
                StructuredMatrices.circulantIndex(manager, width));
    }

    private static NDArray matrixForm(NDArray x, NDArray cSeq, NDArray cHid, NDList indices) {
        NDManager owner = x.getManager();
        NDArray hidden = cHid.take(owner, indices.get(1)); // Circ(c_hid), [d, d]
        NDArray sequence = cSeq.take(owner, indices.get(0)); // Circ(c_seq), [L, L]
        return AxisProducts.leftMultiply(sequence, x.matMul(hidden.transpose()));
    }

    private static NDArray fftForm(NDArray x, NDArray cSeq, NDArray cHid) {
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        // (Circ(c) X)[r, j] = sum_k c[(r - k) mod L] X[k, j]: circular convolution down columns
        NDArray seqSpectrum =
                AxisProducts.ownedBy(cSeq.rfft(seq, 0), x).reshape(1, seq / 2 + 1, 1);
        NDArray z = x.rfft(seq, 1).mul(seqSpectrum).irfft(seq, 1);
        // (Z Circ(c)^T)[r, j] = sum_k c[(j - k) mod d] Z[r, k]: circular convolution along rows
        NDArray hiddenSpectrum = AxisProducts.ownedBy(cHid.rfft(width, 0), x);
        return z.rfft(width, 2).mul(hiddenSpectrum).irfft(width, 2);
    }

    @Override
    protected NDArray mix(
            ParameterStore parameterStore, NDArray x, NDList constants, boolean training) {
        NDArray cSeq = valueOf(parameterStore, inputKernel, x, training);
        NDArray cHid = valueOf(parameterStore, hiddenKernel, x, training);
        return useFft ? fftForm(x, cSeq, cHid) : matrixForm(x, cSeq, cHid, constants);
    }
}
