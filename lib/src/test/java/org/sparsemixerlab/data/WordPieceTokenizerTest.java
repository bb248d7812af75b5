package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WordPieceTokenizerTest {

    private static WordPieceTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.bertUncased();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void bertUncasedHasTheKnownVocabularyAndSpecialIds() {
        assertEquals(30522, tokenizer.vocabSize());
        SpecialTokens s = tokenizer.specialTokens();
        assertEquals(0, s.pad());
        assertEquals(100, s.unk());
        assertEquals(101, s.cls());
        assertEquals(102, s.sep());
        assertEquals(103, s.mask());
        assertEquals(1996, tokenizer.idOf("the"));
        assertEquals("[MASK]", tokenizer.idToToken(103));
        assertTrue(tokenizer.idToToken(s.firstNormalId() - 1).startsWith("["));
        assertFalse(tokenizer.idToToken(s.firstNormalId()).startsWith("["));
    }

    @Test
    void encodingMatchesAGreedyLongestMatchWordPieceOracle() {
        String sentence = "The quick brown fox jumps over the lazy dog; unaffable tokenization!";
        assertArrayEquals(oracle(sentence), tokenizer.encode(sentence));
        assertEquals(1996, tokenizer.encode("The")[0]);
        int[] withSpecials = tokenizer.encodeWithSpecials("the");
        assertArrayEquals(new int[] {101, 1996, 102}, withSpecials);
    }

    @Test
    void longInputIsNotTruncatedOrPaddedByTheFileSettings() {
        String text = "word ".repeat(300);
        int[] ids = tokenizer.encode(text);
        assertEquals(300, ids.length, "the file's built-in max length 128 is overridden");
        assertEquals(0, tokenizer.encode("").length, "no padding");
    }

    @Test
    void pairEncodingGivesSegmentTypeIds() {
        TokenizedPair pair = tokenizer.encodePair("the dog", "a cat sat");
        int[] a = tokenizer.encode("the dog");
        int[] b = tokenizer.encode("a cat sat");
        assertEquals(a.length + b.length + 3, pair.ids().length);
        assertEquals(101, pair.ids()[0]);
        assertEquals(102, pair.ids()[a.length + 1]);
        assertEquals(102, pair.ids()[pair.ids().length - 1]);
        for (int i = 0; i < pair.ids().length; i++) {
            assertEquals(i <= a.length + 1 ? 0 : 1, pair.typeIds()[i], "type id at " + i);
        }
    }

    @Test
    void decodeInvertsEncodeForLowercaseText() {
        String text = "it is a truth universally acknowledged, that a single man";
        assertEquals(text, tokenizer.decode(tokenizer.encodeWithSpecials(text)));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.idToToken(30522));
    }

    @Test
    void batchEncodingEqualsOneByOneEncoding() {
        List<String> texts = List.of("Call me Ishmael.", "Fellow-Citizens of the Senate", "Emma Woodhouse");
        int[][] batch = tokenizer.encodeAll(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(tokenizer.encode(texts.get(i)), batch[i]);
        }
    }

    /** Lowercase, split on spaces and punctuation, then greedy longest-prefix WordPiece per word. */
    private static int[] oracle(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                word.append(c);
                continue;
            }
            if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
            if (!Character.isWhitespace(c)) {
                words.add(String.valueOf(c));
            }
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        List<Integer> ids = new ArrayList<>();
        for (String w : words) {
            int start = 0;
            while (start < w.length()) {
                int end = w.length();
                Integer found = null;
                while (end > start) {
                    String piece = (start == 0 ? "" : "##") + w.substring(start, end);
                    try {
                        found = tokenizer.idOf(piece);
                        break;
                    } catch (IllegalArgumentException notInVocabulary) {
                        end--;
                    }
                }
                if (found == null) {
                    throw new AssertionError("oracle cannot split '" + w + "'");
                }
                ids.add(found);
                start = end;
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
