package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;

/**
 * FNet's parameter-free Fourier mixing (SPEC 1.4, {@code F_NET}): per example, {@code Y = Re(F_L
 * X F_d) = C_L X C_d - S_L X S_d}, with F_n the unnormalised DFT matrix. Matrix and FFT forms as
 * described in {@link DftMixer}.
 *
 * <ul>
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public class FourierMixer extends DftMixer {

    /**
     * @param maxSeqLength L
     * @param dModel d
     * @param useFft compute with a 2-D FFT instead of DFT matrix products
     */
    public FourierMixer(int maxSeqLength, int dModel, boolean useFft) {
        super(Transform.FOURIER, maxSeqLength, dModel, useFft);
    }

    /**
     * The Fourier mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]} floating point
     * @param useFft FFT form instead of matrix form
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    public static NDArray mix(NDArray x, boolean useFft) {
        return DftMixer.mix(Transform.FOURIER, x, useFft);
    }
}
