package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;

/**
 * Parameter-free Hartley mixing (SPEC 1.4, {@code H_NET}): per example, with {@code Z = F_L X
 * F_d} the unnormalised 2-D DFT, {@code Y = Re(Z) - Im(Z) = C_L X C_d - S_L X S_d + S_L X C_d +
 * C_L X S_d}. This is the {@code cas(theta_1 + theta_2)} 2-D Hartley kernel, not the separable
 * {@code cas(theta_1) cas(theta_2)} one.
 *
 * <p>Two computations, equal up to rounding: the default real matrix form (two fused products
 * with constant cos/sin stacks, the reference's default {@code use_fft = false}), or a 2-D FFT
 * over (SEQ, D_MODEL) when {@code useFft}. Unlike the JAX reference, the FFT form accepts any
 * length (no power-of-two requirement above 4096). No parameters.
 *
 * <ul>
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class HartleyMixer extends TokenMixerBlock {
    private final boolean useFft;

    /**
     * @param maxSeqLength L
     * @param dModel d
     * @param useFft compute with a 2-D FFT instead of DFT matrix products
     */
    public HartleyMixer(int maxSeqLength, int dModel, boolean useFft) {
        super(
                maxSeqLength,
                dModel,
                useFft
                        ? null
                        : manager -> new NDList(
                                DftProducts.sequenceStack(manager, maxSeqLength),
                                DftProducts.hartleyHiddenStack(manager, dModel)));
        this.useFft = useFft;
    }

    /** Whether this block computes with FFTs. */
    public boolean useFft() {
        return useFft;
    }

    /**
     * The Hartley mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]} floating point
     * @param useFft FFT form instead of matrix form
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray mix(NDArray x, boolean useFft) {
        if (useFft) {
            return fftForm(x);
        }
        int seq = Math.toIntExact(x.getShape().get(1));
        int width = Math.toIntExact(x.getShape().get(2));
        NDArray sequenceStack = DftProducts.sequenceStack(x.getManager(), seq)
                .toType(x.getDataType(), false);
        NDArray hiddenStack = DftProducts.hartleyHiddenStack(x.getManager(), width)
                .toType(x.getDataType(), false);
        return DftProducts.mix(x, sequenceStack, hiddenStack);
    }

    private static NDArray fftForm(NDArray x) {
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        // complex [B, L, d] viewed as real [B, L, d, 2]: index 0 real part, 1 imaginary part
        NDArray parts = x.fft2(new long[] {seq, width}, new long[] {1, 2}).real();
        return parts.get("..., 0").sub(parts.get("..., 1"));
    }

    @Override
    protected NDArray mix(
            ParameterStore parameterStore, NDArray x, NDList constants, boolean training) {
        return useFft ? fftForm(x) : DftProducts.mix(x, constants.get(0), constants.get(1));
    }
}
