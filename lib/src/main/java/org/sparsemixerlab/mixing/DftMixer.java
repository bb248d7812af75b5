package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/**
 * The machinery shared by the two parameter-free mixers built on the unnormalised 2-D DFT {@code
 * Z = F_L X F_d} (SPEC 1.4): Fourier keeps {@code Re(Z)}, Hartley {@code Re(Z) - Im(Z)}.
 *
 * <p>Two computations, equal up to rounding: the default real matrix form (two fused products with
 * constant cos/sin stacks, the reference's default {@code use_fft = false}), or a 2-D FFT over
 * (SEQ, D_MODEL) when {@code useFft}. Unlike the JAX reference, the FFT form accepts any length (no
 * power-of-two requirement above 4096). No parameters.
 *
 * <ul>
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (plus an ignored {@code [BATCH, SEQ]} token mask)
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public abstract class DftMixer extends TokenMixerBlock {

    /** Which real combination of the 2-D DFT a mixer keeps. */
    public enum Transform {
        /** {@code Re(Z) = C_L X C_d - S_L X S_d}. */
        FOURIER {
            @Override
            NDArray hiddenStack(NDManager manager, int width) {
                return DftProducts.fourierHiddenStack(manager, width);
            }

            @Override
            NDArray fromComplexParts(NDArray parts) {
                return parts.get("..., 0");
            }
        },
        /** {@code Re(Z) - Im(Z)}: the {@code cas(theta_1 + theta_2)} 2-D Hartley kernel. */
        HARTLEY {
            @Override
            NDArray hiddenStack(NDManager manager, int width) {
                return DftProducts.hartleyHiddenStack(manager, width);
            }

            @Override
            NDArray fromComplexParts(NDArray parts) {
                return parts.get("..., 0").sub(parts.get("..., 1"));
            }
        };

        /** The constant {@code [2d, d]} stack applied after the sequence product. */
        abstract NDArray hiddenStack(NDManager manager, int width);

        /** The output from the 2-D FFT viewed as real {@code [B, L, d, 2]} (real, imaginary). */
        abstract NDArray fromComplexParts(NDArray parts);
    }

    private final Transform transform;
    private final boolean useFft;

    protected DftMixer(Transform transform, int maxSeqLength, int dModel, boolean useFft) {
        super(maxSeqLength, dModel, useFft ? null : manager -> new NDList(
                DftProducts.sequenceStack(manager, maxSeqLength), transform.hiddenStack(manager, dModel)));
        this.transform = transform;
        this.useFft = useFft;
    }

    /** Whether this block computes with FFTs. */
    public boolean useFft() {
        return useFft;
    }

    /**
     * The mixing of a batch.
     *
     * @param x {@code [BATCH, SEQ, D_MODEL]} floating point
     * @param useFft FFT form instead of matrix form
     * @return {@code [BATCH, SEQ, D_MODEL]}, in x's manager
     */
    static NDArray mix(Transform transform, NDArray x, boolean useFft) {
        if (useFft) {
            return fftForm(transform, x);
        }
        int seq = Math.toIntExact(x.getShape().get(1));
        int width = Math.toIntExact(x.getShape().get(2));
        NDArray sequenceStack = DftProducts.sequenceStack(x.getManager(), seq).toType(x.getDataType(), false);
        NDArray hiddenStack = transform.hiddenStack(x.getManager(), width).toType(x.getDataType(), false);
        return DftProducts.mix(x, sequenceStack, hiddenStack);
    }

    private static NDArray fftForm(Transform transform, NDArray x) {
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        // complex [B, L, d] viewed as real [B, L, d, 2]: index 0 real part, 1 imaginary part
        return transform.fromComplexParts(x.fft2(new long[] {seq, width}, new long[] {1, 2}).real());
    }

    @Override
    protected NDArray mix(ParameterStore parameterStore, NDArray x, NDList constants, boolean training) {
        return useFft ? fftForm(transform, x) : DftProducts.mix(x, constants.get(0), constants.get(1));
    }
}
