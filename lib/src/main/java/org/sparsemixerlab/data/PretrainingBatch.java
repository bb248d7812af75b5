package org.sparsemixerlab.data;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * B pretraining examples as flat row-major Java arrays.
 *
 * @param batchSize B
 * @param seqLength L
 * @param maxPredictions P
 * @param inputIds {@code [B*L]}
 * @param typeIds {@code [B*L]}
 * @param tokenMask {@code [B*L]}, 1 real / 0 pad
 * @param maskedPositions {@code [B*P]}
 * @param maskedLabelIds {@code [B*P]}
 * @param maskedWeights {@code [B*P]}
 * @param nspLabels {@code [B]}
 */
public record PretrainingBatch(
        int batchSize,
        int seqLength,
        int maxPredictions,
        int[] inputIds,
        int[] typeIds,
        int[] tokenMask,
        int[] maskedPositions,
        int[] maskedLabelIds,
        float[] maskedWeights,
        int[] nspLabels) {

    /** Stacks examples that share L and P. */
    public static PretrainingBatch of(List<PretrainingExample> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one example, got none");
        }
        int b = examples.size();
        int l = examples.get(0).length();
        int p = examples.get(0).maxPredictions();
        int[] ids = new int[b * l];
        int[] types = new int[b * l];
        int[] mask = new int[b * l];
        int[] positions = new int[b * p];
        int[] labels = new int[b * p];
        float[] weights = new float[b * p];
        int[] nsp = new int[b];
        for (int i = 0; i < b; i++) {
            PretrainingExample e = examples.get(i);
            if (e.length() != l || e.maxPredictions() != p) {
                throw new IllegalArgumentException(
                        "example " + i + " has L=" + e.length() + ", P=" + e.maxPredictions()
                                + " but the batch has L=" + l + ", P=" + p);
            }
            System.arraycopy(e.inputIds(), 0, ids, i * l, l);
            System.arraycopy(e.typeIds(), 0, types, i * l, l);
            System.arraycopy(e.tokenMask(), 0, mask, i * l, l);
            System.arraycopy(e.maskedPositions(), 0, positions, i * p, p);
            System.arraycopy(e.maskedLabelIds(), 0, labels, i * p, p);
            System.arraycopy(e.maskedWeights(), 0, weights, i * p, p);
            nsp[i] = e.nspLabel();
        }
        return new PretrainingBatch(b, l, p, ids, types, mask, positions, labels, weights, nsp);
    }

    /**
     * The batch as arrays of {@code manager}, in this order: input ids int64 {@code [B, L]}, type
     * ids int64 {@code [B, L]}, token mask float32 {@code [B, L]}, masked positions int64
     * {@code [B, P]}, masked label ids int64 {@code [B, P]}, masked weights float32 {@code [B, P]},
     * NSP labels int64 {@code [B]}.
     */
    public NDList toNDList(NDManager manager) {
        Shape seq = new Shape(batchSize, seqLength);
        Shape pred = new Shape(batchSize, maxPredictions);
        return new NDList(
                manager.create(NDConversion.toLongs(inputIds), seq),
                manager.create(NDConversion.toLongs(typeIds), seq),
                manager.create(NDConversion.toFloats(tokenMask), seq),
                manager.create(NDConversion.toLongs(maskedPositions), pred),
                manager.create(NDConversion.toLongs(maskedLabelIds), pred),
                manager.create(maskedWeights, pred),
                manager.create(NDConversion.toLongs(nspLabels), new Shape(batchSize)));
    }

    /** Number of prediction slots that hold a real prediction (weight above 0). */
    public int realPredictions() {
        int n = 0;
        for (float w : maskedWeights) {
            if (w > 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * Like {@link #toNDList} but with the prediction slots packed: only the N slots with a real
     * prediction, as flat rows of the {@code [B*L]} sequence. Masked positions int64 {@code [N]}
     * hold {@code b * L + position}; labels int64 {@code [N]} and weights float32 {@code [N]} follow
     * in the same (example, slot) order. Padding slots carry weight 0, so the loss and its gradient
     * are the same as with {@link #toNDList}, while the vocabulary-sized work of the MLM head
     * (output projection, log-softmax, their backward) shrinks from B*P rows to N. A batch without
     * any real prediction falls back to {@link #toNDList} (an empty head is not a useful shape).
     */
    public NDList toPackedNDList(NDManager manager) {
        int n = realPredictions();
        if (n == 0) {
            return toNDList(manager);
        }
        long[] rows = new long[n];
        long[] labels = new long[n];
        float[] weights = new float[n];
        int k = 0;
        for (int b = 0; b < batchSize; b++) {
            for (int p = 0; p < maxPredictions; p++) {
                int slot = b * maxPredictions + p;
                if (maskedWeights[slot] > 0) {
                    rows[k] = (long) b * seqLength + maskedPositions[slot];
                    labels[k] = maskedLabelIds[slot];
                    weights[k] = maskedWeights[slot];
                    k++;
                }
            }
        }
        Shape seq = new Shape(batchSize, seqLength);
        Shape packed = new Shape(n);
        return new NDList(
                manager.create(NDConversion.toLongs(inputIds), seq),
                manager.create(NDConversion.toLongs(typeIds), seq),
                manager.create(NDConversion.toFloats(tokenMask), seq),
                manager.create(rows, packed),
                manager.create(labels, packed),
                manager.create(weights, packed),
                manager.create(NDConversion.toLongs(nspLabels), new Shape(batchSize)));
    }
}
