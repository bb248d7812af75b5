package org.sparsemixerlab.data;

/**
 * {@code [CLS] A [SEP] B [SEP]} as word-piece ids with their segment (type) ids, unpadded.
 *
 * @param ids word-piece ids {@code [N]}
 * @param typeIds 0 for {@code [CLS]}, A and the first {@code [SEP]}; 1 for B and the last {@code
 *     [SEP]} {@code [N]}
 */
public record TokenizedPair(int[] ids, int[] typeIds) {

    public TokenizedPair {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException(
                    "ids and typeIds differ in length: " + ids.length + " vs " + typeIds.length);
        }
    }
}
