package org.sparsemixerlab.data;

/**
 * One MLM+NSP input padded to exactly L with P prediction slots (SPEC 3.2).
 *
 * @param inputIds {@code [CLS] X [SEP] Y [SEP] [PAD]...} after masking {@code [L]}
 * @param typeIds 0 for {@code [CLS]} and the first segment with its {@code [SEP]}, 1 for the second
 *     segment with its {@code [SEP]}, 0 for padding {@code [L]}
 * @param tokenMask 1 for real tokens, 0 for padding {@code [L]}
 * @param maskedPositions positions chosen for prediction, ascending, then 0 in unused slots {@code [P]}
 * @param maskedLabelIds original ids at those positions, 0 in unused slots {@code [P]}
 * @param maskedWeights 1 for used slots, 0 for unused ones {@code [P]}
 * @param nspLabel 1 if X = A precedes Y = B in the document (original order), 0 if swapped
 */
public record PretrainingExample(
        int[] inputIds,
        int[] typeIds,
        int[] tokenMask,
        int[] maskedPositions,
        int[] maskedLabelIds,
        float[] maskedWeights,
        int nspLabel) {

    public PretrainingExample {
        if (inputIds.length != typeIds.length || inputIds.length != tokenMask.length) {
            throw new IllegalArgumentException(
                    "inputIds, typeIds and tokenMask must all have length L; got "
                            + inputIds.length + ", " + typeIds.length + ", " + tokenMask.length);
        }
        if (maskedPositions.length != maskedLabelIds.length
                || maskedPositions.length != maskedWeights.length) {
            throw new IllegalArgumentException(
                    "maskedPositions, maskedLabelIds and maskedWeights must all have length P; got "
                            + maskedPositions.length + ", " + maskedLabelIds.length + ", "
                            + maskedWeights.length);
        }
    }

    /** Sequence length L. */
    public int length() {
        return inputIds.length;
    }

    /** Prediction slots P. */
    public int maxPredictions() {
        return maskedPositions.length;
    }

    /** Number of used prediction slots. */
    public int predictionCount() {
        int n = 0;
        for (float w : maskedWeights) {
            n += w > 0 ? 1 : 0;
        }
        return n;
    }
}
