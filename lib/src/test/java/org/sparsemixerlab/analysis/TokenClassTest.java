package org.sparsemixerlab.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sparsemixerlab.data.WordPieceTokenizer;

class TokenClassTest {

    @Test
    void eachPieceFallsInTheFirstMatchingClass() {
        assertEquals(TokenClass.SPECIAL, TokenClass.of("[CLS]", false), "bracketed entries are special");
        assertEquals(TokenClass.SPECIAL, TokenClass.of("[unused7]", false));
        assertEquals(TokenClass.SPECIAL, TokenClass.of("the", true), "the tokenizer's flag wins");
        assertEquals(TokenClass.CONTINUATION, TokenClass.of("##ing", false));
        assertEquals(TokenClass.CONTINUATION, TokenClass.of("##5", false), "a continuation before a number");
        assertEquals(TokenClass.PUNCTUATION, TokenClass.of(",", false));
        assertEquals(TokenClass.PUNCTUATION, TokenClass.of("##", false), "a bare ## is a symbol");
        assertEquals(TokenClass.PUNCTUATION, TokenClass.of("[", false));
        assertEquals(TokenClass.NUMBER, TokenClass.of("1812", false));
        assertEquals(TokenClass.NUMBER, TokenClass.of("3.5", false));
        assertEquals(TokenClass.WORD_START, TokenClass.of("b2b", false), "letters and digits make a word");
        assertEquals(TokenClass.STOP_WORD, TokenClass.of("the", false));
        assertEquals(TokenClass.STOP_WORD, TokenClass.of("The", false), "stop words regardless of case");
        assertEquals(TokenClass.CAPITALISED, TokenClass.of("Paris", false));
        assertEquals(TokenClass.WORD_START, TokenClass.of("paris", false));
    }

    @Test
    void theLabVocabularyHasItsSpecialsAndWordPieceClasses() {
        try (WordPieceTokenizer tok = WordPieceTokenizer.forVocabularySize(8192)) {
            TokenClasses c = TokenClasses.of(tok);
            assertEquals(8192, c.vocabSize());
            assertEquals(TokenClass.SPECIAL, c.classOf(tok.specialTokens().cls()));
            assertEquals(TokenClass.SPECIAL, c.classOf(tok.specialTokens().pad()));
            assertEquals(TokenClass.STOP_WORD, c.classOf(tok.idOf("the")));
            assertEquals(TokenClass.PUNCTUATION, c.classOf(tok.idOf(",")));
            long[] n = c.vocabularyCounts();
            assertEquals(0, n[TokenClass.CAPITALISED.ordinal()], "an uncased vocabulary has no capitalised piece");
            assertEquals(8192, java.util.Arrays.stream(n).sum());
            assertThrows(IllegalArgumentException.class, () -> c.classOf(8192));
        }
    }
}
