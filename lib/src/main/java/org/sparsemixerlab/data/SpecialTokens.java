package org.sparsemixerlab.data;

/**
 * Ids of the special word pieces and the range that random MLM replacements are drawn from.
 *
 * @param pad {@code [PAD]} (0 in BERT uncased)
 * @param unk {@code [UNK]} (100)
 * @param cls {@code [CLS]} (101)
 * @param sep {@code [SEP]} (102)
 * @param mask {@code [MASK]} (103)
 * @param firstNormalId smallest id of an ordinary word piece; ids below it are special or unused
 *     ({@code [unusedN]}) and never drawn as random replacements (999 in BERT uncased)
 * @param vocabSize number of ids V
 */
public record SpecialTokens(
        int pad, int unk, int cls, int sep, int mask, int firstNormalId, int vocabSize) {

    /** Validates that every id lies in {@code [0, vocabSize)} and normal ids exist. */
    public SpecialTokens {
        for (int id : new int[] {pad, unk, cls, sep, mask}) {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException(
                        "special id " + id + " outside the vocabulary [0, " + vocabSize + ")");
            }
        }
        if (firstNormalId <= 0 || firstNormalId >= vocabSize) {
            throw new IllegalArgumentException(
                    "firstNormalId must lie in (0, " + vocabSize + "), got " + firstNormalId);
        }
    }

    /** True for {@code [PAD]}, {@code [CLS]} and {@code [SEP]}, which are never masked. */
    public boolean neverMasked(int id) {
        return id == pad || id == cls || id == sep;
    }
}
