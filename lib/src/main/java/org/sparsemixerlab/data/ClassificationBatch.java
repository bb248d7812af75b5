package org.sparsemixerlab.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * B classification examples as flat row-major Java arrays.
 *
 * @param batchSize B
 * @param seqLength L
 * @param inputIds {@code [B*L]}
 * @param typeIds {@code [B*L]}
 * @param tokenMask {@code [B*L]}, 1 real / 0 pad
 * @param labels {@code [B]}
 */
public record ClassificationBatch(
        int batchSize, int seqLength, int[] inputIds, int[] typeIds, int[] tokenMask, int[] labels) {

    /** Stacks examples that share L. */
    public static ClassificationBatch of(List<ClassificationExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one example, got none");
        }
        int b = examples.size();
        int l = examples.get(0).length();
        int[] ids = new int[b * l];
        int[] types = new int[b * l];
        int[] mask = new int[b * l];
        int[] labels = new int[b];
        for (int i = 0; i < b; i++) {
            ClassificationExample e = examples.get(i);
            if (e.length() != l) {
                throw new IllegalArgumentException(
                        "example " + i + " has L=" + e.length() + " but the batch has L=" + l);
            }
            System.arraycopy(e.inputIds(), 0, ids, i * l, l);
            System.arraycopy(e.typeIds(), 0, types, i * l, l);
            System.arraycopy(e.tokenMask(), 0, mask, i * l, l);
            labels[i] = e.label();
        }
        return new ClassificationBatch(b, l, ids, types, mask, labels);
    }

    /**
     * The batch as arrays of {@code manager}: input ids int64 {@code [B, L]}, type ids int64
     * {@code [B, L]}, token mask float32 {@code [B, L]}, labels int64 {@code [B]}.
     */
    public NDList toNDList(NDManager manager) {
        Shape seq = new Shape(batchSize, seqLength);
        return new NDList(
                manager.create(NDConversion.toLongs(inputIds), seq),
                manager.create(NDConversion.toLongs(typeIds), seq),
                manager.create(NDConversion.toFloats(tokenMask), seq),
                manager.create(NDConversion.toLongs(labels), new Shape(batchSize)));
    }
}
