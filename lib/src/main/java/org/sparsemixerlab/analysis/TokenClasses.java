package org.sparsemixerlab.analysis;

import java.util.Arrays;
import org.sparsemixerlab.data.SpecialTokens;
import org.sparsemixerlab.data.WordPieceTokenizer;

/**
 * The word piece and {@link TokenClass} of every id of a vocabulary, looked up once.
 */
public final class TokenClasses {
    private final String[] pieces;
    private final TokenClass[] classes;

    private TokenClasses(String[] pieces, TokenClass[] classes) {
        this.pieces = pieces;
        this.classes = classes;
    }

    /** Classes of a tokenizer's vocabulary; its special ids ({@code [PAD]}, {@code [CLS]}, ...) are special. */
    public static TokenClasses of(WordPieceTokenizer tokenizer) {
        String[] pieces = new String[tokenizer.vocabSize()];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = tokenizer.idToToken(i);
        }
        SpecialTokens s = tokenizer.specialTokens();
        boolean[] special = new boolean[pieces.length];
        for (int id : new int[] {s.pad(), s.unk(), s.cls(), s.sep(), s.mask()}) {
            special[id] = true;
        }
        return of(pieces, special);
    }

    /** Classes of a hand-made vocabulary (tests, other tokenizers). */
    public static TokenClasses of(String[] pieces, boolean[] special) {
        if (special.length != pieces.length) {
            throw new IllegalArgumentException("special flags must match the vocabulary: " + special.length + " flags for "
                    + pieces.length + " pieces");
        }
        TokenClass[] classes = new TokenClass[pieces.length];
        for (int i = 0; i < pieces.length; i++) {
            classes[i] = TokenClass.of(pieces[i], special[i]);
        }
        return new TokenClasses(pieces.clone(), classes);
    }

    public int vocabSize() {
        return pieces.length;
    }

    /** The piece of an id. */
    public String piece(int id) {
        check(id);
        return pieces[id];
    }

    /** The class of an id. */
    public TokenClass classOf(int id) {
        check(id);
        return classes[id];
    }

    /** Class ordinals of many ids at once. */
    public int[] ordinals(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = classOf(ids[i]).ordinal();
        }
        return out;
    }

    /** How many vocabulary entries fall in each class, indexed by ordinal. */
    public long[] vocabularyCounts() {
        long[] n = new long[TokenClass.values().length];
        Arrays.stream(classes).forEach(c -> n[c.ordinal()]++);
        return n;
    }

    private void check(int id) {
        if (id < 0 || id >= pieces.length) {
            throw new IllegalArgumentException("token id " + id + " outside the vocabulary [0, " + pieces.length
                    + "); use the tokenizer the model was trained with");
        }
    }
}
