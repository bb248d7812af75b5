package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The real matrix forms of the 2-D DFT mixers (SPEC 1.4), fused into two large products.
 *
 * <p>Both Fourier and Hartley outputs have the form {@code Y = C_L X B_0 + S_L X B_1}:
 * Fourier uses {@code B_0 = C_d, B_1 = -S_d}; Hartley uses {@code B_0 = C_d + S_d, B_1 = C_d -
 * S_d}. With the sequence stack {@code [C_L; S_L]} ({@code [2L, L]}) and the hidden stack {@code
 * [B_0; B_1]} ({@code [2d, d]}) that is one product along the sequence axis for the whole batch,
 * a relayout, and one product along the hidden axis: 4·B·L·d·(L + d) flops in total.
 */
final class DftProducts {
    private DftProducts() {}

    /**
     * {@code Y[b] = C_L X[b] B_0 + S_L X[b] B_1}.
     *
     * @param x {@code [BATCH, L, d]}
     * @param sequenceStack {@code [C_L; S_L]}, {@code [2L, L]}
     * @param hiddenStack {@code [B_0; B_1]}, {@code [2d, d]}
     * @return {@code [BATCH, L, d]}, in x's manager
     */
    static NDArray mix(NDArray x, NDArray sequenceStack, NDArray hiddenStack) {
        long batch = x.getShape().get(0);
        long seq = x.getShape().get(1);
        long width = x.getShape().get(2);
        NDArray flat = x.transpose(1, 0, 2).reshape(seq, batch * width); // [L, B·d]
        NDArray both = AxisProducts.ownedBy(sequenceStack.matMul(flat), x); // [2L, B·d]
        // [2, L, B, d] -> [B, L, 2, d] -> [B, L, 2d]: side[b, l, t·d + j] = (A_t X[b])[l, j]
        NDArray side = both.reshape(2, seq, batch, width)
                .transpose(2, 1, 0, 3)
                .reshape(batch, seq, 2 * width);
        return side.matMul(hiddenStack);
    }

    /** {@code [C_L; S_L]} as float32 {@code [2L, L]}. */
    static NDArray sequenceStack(NDManager manager, int seq) {
        return stack(manager, seq, StructuredMatrices.dftCos(seq), StructuredMatrices.dftSin(seq));
    }

    /** Fourier's hidden stack {@code [C_d; -S_d]} as float32 {@code [2d, d]}. */
    static NDArray fourierHiddenStack(NDManager manager, int width) {
        double[] sin = StructuredMatrices.dftSin(width);
        double[] negSin = new double[sin.length];
        for (int i = 0; i < sin.length; i++) {
            negSin[i] = -sin[i];
        }
        return stack(manager, width, StructuredMatrices.dftCos(width), negSin);
    }

    /** Hartley's hidden stack {@code [C_d + S_d; C_d - S_d]} as float32 {@code [2d, d]}. */
    static NDArray hartleyHiddenStack(NDManager manager, int width) {
        double[] cos = StructuredMatrices.dftCos(width);
        double[] sin = StructuredMatrices.dftSin(width);
        double[] sum = new double[cos.length];
        double[] difference = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            sum[i] = cos[i] + sin[i];
            difference[i] = cos[i] - sin[i];
        }
        return stack(manager, width, sum, difference);
    }

    private static NDArray stack(NDManager manager, int n, double[] top, double[] bottom) {
        double[] both = new double[2 * n * n];
        System.arraycopy(top, 0, both, 0, n * n);
        System.arraycopy(bottom, 0, both, n * n, n * n);
        return manager.create(StructuredMatrices.toFloat(both), new Shape(2L * n, n));
    }
}
