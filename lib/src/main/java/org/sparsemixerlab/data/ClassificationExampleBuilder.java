package org.sparsemixerlab.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns labelled texts into {@link ClassificationExample}s of exactly L tokens.
 *
 * <p>Single texts become {@code [CLS] s [SEP]}, pairs {@code [CLS] s1 [SEP] s2 [SEP]}. Too long
 * inputs are cut longest-first (one piece at a time from the end of whichever segment is longer,
 * as BERT does) so that the special tokens always survive.
 */
public final class ClassificationExampleBuilder {

    private final WordPieceTokenizer tokenizer;
    private final int maxSeqLength;

    /**
     * @param tokenizer word-piece tokenizer
     * @param maxSeqLength L; at least 3 (pairs need {@code [CLS]}, two {@code [SEP]})
     */
    public ClassificationExampleBuilder(WordPieceTokenizer tokenizer, int maxSeqLength) {
        if (maxSeqLength < 3) {
            throw new IllegalArgumentException("maxSeqLength must be at least 3, got " + maxSeqLength);
        }
        this.tokenizer = tokenizer;
        this.maxSeqLength = maxSeqLength;
    }

    /** {@code [CLS] text [SEP]}, truncated and padded to L. */
    public ClassificationExample single(String text, int label) {
        return fromPieces(tokenizer.encode(text), null, label, maxSeqLength, tokenizer.specialTokens());
    }

    /** {@code [CLS] first [SEP] second [SEP]}, truncated longest-first and padded to L. */
    public ClassificationExample pair(String first, String second, int label) {
        return fromPieces(
                tokenizer.encode(first), tokenizer.encode(second), label, maxSeqLength,
                tokenizer.specialTokens());
    }

    /** Every example of a task split, in file order (texts are tokenized in native batches). */
    public List<ClassificationExample> build(List<LabelledText> texts) {
        int[][] firsts = tokenizer.encodeAll(texts.stream().map(LabelledText::text).toList());
        int[][] seconds = tokenizer.encodeAll(
                texts.stream().map(t -> t.isPair() ? t.secondText() : "").toList());
        List<ClassificationExample> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            LabelledText t = texts.get(i);
            out.add(fromPieces(firsts[i], t.isPair() ? seconds[i] : null, t.label(), maxSeqLength,
                    tokenizer.specialTokens()));
        }
        return out;
    }

    /**
     * Lays out already-tokenized segments (a pure function, used by tests directly).
     *
     * @param first pieces of s1
     * @param second pieces of s2, or {@code null} for a single-text input
     * @param label class index
     * @param maxSeqLength L
     * @param specials special ids
     */
    public static ClassificationExample fromPieces(
            int[] first, int[] second, int label, int maxSeqLength, SpecialTokens specials) {
        int budget = maxSeqLength - (second == null ? 2 : 3);
        int n1 = first.length;
        int n2 = second == null ? 0 : second.length;
        while (n1 + n2 > budget) {
            if (n1 > n2) {
                n1--;
            } else {
                n2--;
            }
        }
        int[] ids = new int[maxSeqLength];
        int[] types = new int[maxSeqLength];
        int[] mask = new int[maxSeqLength];
        int p = 0;
        ids[p++] = specials.cls();
        System.arraycopy(first, 0, ids, p, n1);
        p += n1;
        ids[p++] = specials.sep();
        if (second != null) {
            System.arraycopy(second, 0, ids, p, n2);
            for (int i = p; i < p + n2 + 1; i++) {
                types[i] = 1;
            }
            p += n2;
            ids[p++] = specials.sep();
        }
        for (int i = 0; i < p; i++) {
            mask[i] = 1;
        }
        for (int i = p; i < maxSeqLength; i++) {
            ids[i] = specials.pad();
        }
        return new ClassificationExample(ids, types, mask, label);
    }

    /** {@code [CLS] a [SEP] b [SEP]} with type ids, untruncated and unpadded. */
    static TokenizedPair pairLayout(int[] a, int[] b, SpecialTokens specials) {
        int n = a.length + b.length + 3;
        ClassificationExample full = fromPieces(a, b, 0, n, specials);
        return new TokenizedPair(full.inputIds(), full.typeIds());
    }
}
