package org.sparsemixerlab.analysis;

import java.util.Set;

/**
 * The kind of a word piece, for the expert x token-class view. Every piece belongs to exactly one
 * class: the first of these, in declaration order, that matches.
 */
public enum TokenClass {
    /** {@code [CLS]}, {@code [SEP]}, {@code [MASK]}, {@code [UNK]}, {@code [unusedN]} and other bracketed entries. */
    SPECIAL("special tokens"),
    /** A piece that continues a word: {@code ##ing}. */
    CONTINUATION("## continuations"),
    /** Only punctuation or symbol characters: {@code ,} {@code .} {@code "}. */
    PUNCTUATION("punctuation"),
    /** Digits, possibly with separators: {@code 1812}, {@code 3.5}. */
    NUMBER("numbers"),
    /** A common English function word ({@link #STOP_WORDS}). */
    STOP_WORD("stop words"),
    /** A word start beginning with an upper-case letter (never seen with an uncased vocabulary). */
    CAPITALISED("capitalised"),
    /** Any other word start. */
    WORD_START("other word starts");

    /** The stop words: articles, pronouns, auxiliaries, prepositions and conjunctions. */
    public static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "if", "of", "at",
            "by", "for", "with", "about", "to", "from", "in", "on", "into", "over", "under", "as", "than", "then",
            "so", "not", "no", "nor", "is", "am", "are", "was", "were", "be", "been", "being", "have", "has", "had",
            "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "i",
            "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they",
            "them", "their", "this", "that", "these", "those", "there", "here", "which", "who", "whom", "what",
            "when", "where", "why", "how", "all", "any", "each", "some", "such", "very", "too", "also", "up",
            "out", "down", "off", "again", "only", "own", "same", "just", "now", "upon", "through", "after",
            "before", "while", "because", "until", "against", "between", "both", "more", "most", "other");

    private final String label;

    TokenClass(String label) {
        this.label = label;
    }

    /** Plain-words name for charts and verdicts. */
    public String label() {
        return label;
    }

    /**
     * The class of one vocabulary entry.
     *
     * @param piece the word piece as the vocabulary spells it
     * @param special true when the tokenizer treats it as a special token
     */
    public static TokenClass of(String piece, boolean special) {
        if (special || piece.isEmpty() || piece.length() > 2 && piece.startsWith("[") && piece.endsWith("]")) {
            return SPECIAL;
        }
        if (piece.startsWith("##") && piece.length() > 2) {
            return CONTINUATION;
        }
        boolean anyLetterOrDigit = false;
        boolean allDigitsOrSeparators = true;
        boolean anyDigit = false;
        for (int i = 0; i < piece.length(); i++) {
            char ch = piece.charAt(i);
            anyLetterOrDigit |= Character.isLetterOrDigit(ch);
            anyDigit |= Character.isDigit(ch);
            allDigitsOrSeparators &= Character.isDigit(ch) || ch == '.' || ch == ',';
        }
        if (!anyLetterOrDigit) {
            return PUNCTUATION;
        }
        if (anyDigit && allDigitsOrSeparators) {
            return NUMBER;
        }
        if (STOP_WORDS.contains(piece.toLowerCase(java.util.Locale.ROOT))) {
            return STOP_WORD;
        }
        return Character.isUpperCase(piece.charAt(0)) ? CAPITALISED : WORD_START;
    }
}
