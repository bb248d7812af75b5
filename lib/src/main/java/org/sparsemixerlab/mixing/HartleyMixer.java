package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;

/**
 * Parameter-free Hartley mixing (SPEC 1.4, {@code H_NET}): per example, with {@code Z = F_L X F_d}
 * the unnormalised 2-D DFT, {@code Y = Re(Z) - Im(Z) = C_L X C_d - S_L X S_d + S_L X C_d + C_L X
 * S_d}. This is the {@code cas(theta_1 + theta_2)} 2-D Hartley kernel, not the separable {@code
 * cas(theta_1) cas(theta_2)} one. Matrix and FFT forms as described in {@link DftMixer}.
 *
 * <ul>
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class HartleyMixer extends DftMixer {

    /**
     * @param maxSeqLength L
     * @param dModel d
     * @param useFft compute with a 2-D FFT instead of DFT matrix products
     */
    public HartleyMixer(int maxSeqLength, int dModel, boolean useFft) {
        super(Transform.HARTLEY, maxSeqLength, dModel, useFft);
    }

    /**
     * The Hartley mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]} floating point
     * @param useFft FFT form instead of matrix form
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray mix(NDArray x, boolean useFft) {
        return DftMixer.mix(Transform.HARTLEY, x, useFft);
    }
}
