package org.sparsemixerlab.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A smaller vocabulary carved out of BERT uncased for CPU-scale experiments: the five special pieces
 * ({@code [PAD] [UNK] [CLS] [SEP] [MASK]} at compact ids 0..4) followed by the most frequent ordinary
 * pieces of a corpus (count descending, ties to the lower BERT id). Every other piece becomes
 * {@code [UNK]}.
 *
 * <p>Why: with 30,522 ids the MLM softmax dominates a 64-wide model's compute and small models sit in
 * the "predict the frequent pieces" phase for thousands of steps. The reference uses the full
 * vocabulary (SPEC 1.2); this is a deliberate, opt-in deviation selected by a smaller
 * {@code vocab_size}. Text is still split by the same WordPiece model.
 *
 * @param fullIds compact id to BERT id ({@code fullIds[c]}), specials first
 * @param fullVocabularySize size of the vocabulary the ids come from
 */
public record CompactVocabulary(int[] fullIds, int fullVocabularySize) {

    /** Number of special pieces kept in front. */
    public static final int SPECIAL_COUNT = 5;

    public CompactVocabulary {
        fullIds = fullIds.clone();
        boolean[] seen = new boolean[fullVocabularySize];
        for (int id : fullIds) {
            if (id < 0 || id >= fullVocabularySize || seen[id]) {
                throw new IllegalArgumentException("compact vocabulary ids must be distinct ids in [0, "
                        + fullVocabularySize + "); received " + id);
            }
            seen[id] = true;
        }
    }

    /**
     * Keeps the specials and the {@code size - 5} most frequent ordinary pieces.
     *
     * @param specials ids of the special pieces in the full vocabulary
     * @param counts occurrences of every full id in the corpus, length = full vocabulary size
     * @param size the compact vocabulary size, at least 6 and at most the full size
     */
    public static CompactVocabulary mostFrequent(SpecialTokens specials, long[] counts, int size) {
        int full = specials.vocabSize();
        if (counts.length != full) {
            throw new IllegalArgumentException("expected counts for " + full + " ids, received " + counts.length);
        }
        if (size <= SPECIAL_COUNT || size > full) {
            throw new IllegalArgumentException("vocab_size must lie in [" + (SPECIAL_COUNT + 1) + ", " + full
                    + "] to carve a compact vocabulary out of BERT uncased; received " + size);
        }
        Integer[] ordinary = new Integer[full - specials.firstNormalId()];
        for (int i = 0; i < ordinary.length; i++) {
            ordinary[i] = specials.firstNormalId() + i;
        }
        Arrays.sort(ordinary, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        int[] ids = new int[size];
        ids[0] = specials.pad();
        ids[1] = specials.unk();
        ids[2] = specials.cls();
        ids[3] = specials.sep();
        ids[4] = specials.mask();
        for (int c = SPECIAL_COUNT; c < size; c++) {
            ids[c] = ordinary[c - SPECIAL_COUNT];
        }
        return new CompactVocabulary(ids, full);
    }

    /** Number of compact ids. */
    public int size() {
        return fullIds.length;
    }

    /** Full id to compact id; ids outside the compact vocabulary map to {@code [UNK]} (1). */
    public int[] lookupTable() {
        int[] table = new int[fullVocabularySize];
        Arrays.fill(table, 1);
        for (int c = 0; c < fullIds.length; c++) {
            table[fullIds[c]] = c;
        }
        return table;
    }

    /** Special ids in compact numbering: 0..4, ordinary pieces from 5. */
    public SpecialTokens specialTokens() {
        return new SpecialTokens(0, 1, 2, 3, 4, SPECIAL_COUNT, size());
    }

    /** Lowercase hex SHA-256 of the kept full ids in compact order (identifies the vocabulary in provenance). */
    public String sha256() {
        ByteBuffer bytes = ByteBuffer.allocate(4 * fullIds.length);
        for (int id : fullIds) {
            bytes.putInt(id);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompactVocabulary v && v.fullVocabularySize == fullVocabularySize
                && Arrays.equals(v.fullIds, fullIds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(fullIds) + fullVocabularySize;
    }

    @Override
    public String toString() {
        return "CompactVocabulary[size=" + size() + " of " + fullVocabularySize + "]";
    }
}
