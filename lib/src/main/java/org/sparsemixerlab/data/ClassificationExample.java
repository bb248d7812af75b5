package org.sparsemixerlab.data;

/**
 * One fine-tuning input padded to exactly L (SPEC 3.3): {@code [CLS] s1 [SEP] (s2 [SEP])}.
 *
 * @param inputIds word-piece ids, {@code [PAD]} after the text {@code [L]}
 * @param typeIds segment index: 0 for {@code [CLS]}, s1 and its {@code [SEP]}; 1 for s2 and its
 *     {@code [SEP]}; 0 for padding {@code [L]}
 * @param tokenMask 1 for real tokens, 0 for padding {@code [L]}
 * @param label class index
 */
public record ClassificationExample(int[] inputIds, int[] typeIds, int[] tokenMask, int label) {

    public ClassificationExample {
        if (inputIds.length != typeIds.length || inputIds.length != tokenMask.length) {
            throw new IllegalArgumentException(
                    "inputIds, typeIds and tokenMask must all have length L; got "
                            + inputIds.length + ", " + typeIds.length + ", " + tokenMask.length);
        }
    }

    /** Sequence length L. */
    public int length() {
        return inputIds.length;
    }
}
