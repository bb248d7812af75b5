package org.sparsemixerlab.mixing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Matrix products along the sequence axis of {@code [BATCH, SEQ, D_MODEL]} tensors, arranged so
 * that every result ends up in the manager of the per-step input (DJL attaches an op's result to
 * the manager of its first operand, NOTES-DJL section 2).
 */
final class AxisProducts {
    private AxisProducts() {}

    /**
     * {@code M · Z[b]} for every example b, as one large matrix product.
     *
     * @param matrix {@code [M, SEQ]}, for example a mixing matrix or a stack of them
     * @param z {@code [BATCH, SEQ, D]}
     * @return {@code [BATCH, M, D]}, in z's manager
     */
    static NDArray leftMultiply(NDArray matrix, NDArray z) {
        long batch = z.getShape().get(0);
        long seq = z.getShape().get(1);
        long width = z.getShape().get(2);
        long rows = matrix.getShape().get(0);
        NDArray flat = z.transpose(1, 0, 2).reshape(seq, batch * width); // [SEQ, B·D]
        NDArray product = ownedBy(matrix.matMul(flat), z); // [M, B·D]
        return product.reshape(rows, batch, width).transpose(1, 0, 2);
    }

    /**
     * Moves a freshly computed array into the manager of {@code owner} when it landed elsewhere
     * (because a parameter or constant was the first operand). Never pass a parameter here.
     */
    static NDArray ownedBy(NDArray fresh, NDArray owner) {
        NDManager target = owner.getManager();
        if (fresh.getManager() != target) {
            fresh.attach(target);
        }
        return fresh;
    }
}
