package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompactVocabularyTest {

    private static WordPieceTokenizer full;

    @BeforeAll
    static void load() {
        full = WordPieceTokenizer.bertUncased();
    }

    @AfterAll
    static void close() {
        full.close();
    }

    @Test
    void keepsSpecialsFirstThenPiecesByDescendingCountWithTiesToTheLowerId() {
        SpecialTokens s = new SpecialTokens(0, 1, 2, 3, 4, 6, 10);
        long[] counts = {0, 0, 0, 0, 0, 50, 3, 9, 3, 7};
        CompactVocabulary v = CompactVocabulary.mostFrequent(s, counts, 8);
        // id 5 lies below firstNormalId (an unused slot) and is never kept, however often it occurs
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 7, 9, 6}, v.fullIds());
        int[] table = v.lookupTable();
        assertEquals(5, table[7]);
        assertEquals(7, table[6]);
        assertEquals(1, table[8], "a dropped piece maps to [UNK]");
        assertEquals(new SpecialTokens(0, 1, 2, 3, 4, 5, 8), v.specialTokens());
    }

    @Test
    void refusesSizesThatCannotHoldTheSpecialsOrExceedTheFullVocabulary() {
        SpecialTokens s = new SpecialTokens(0, 1, 2, 3, 4, 6, 10);
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> CompactVocabulary.mostFrequent(s, new long[10], 5));
        assertTrue(small.getMessage().contains("[6, 10]") && small.getMessage().contains("received 5"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompactVocabulary.mostFrequent(s, new long[10], 11));
        assertThrows(IllegalArgumentException.class, () -> CompactVocabulary.mostFrequent(s, new long[9], 8));
    }

    @Test
    void compactTokenizerAgreesWithTheFullOneOnKeptPiecesAndMapsTheRestToUnk() {
        List<String> text = List.of("the whale swam under the ship", "the ship sailed", "a whale of a tale");
        long[] counts = new long[full.vocabSize()];
        int distinct = 0;
        for (int[] line : full.encodeAll(text)) {
            for (int id : line) {
                distinct += counts[id] == 0 ? 1 : 0;
                counts[id]++;
            }
        }
        int size = CompactVocabulary.SPECIAL_COUNT + distinct;
        CompactVocabulary v = CompactVocabulary.mostFrequent(full.specialTokens(), counts, size);
        WordPieceTokenizer small = full.compacted(v);
        assertEquals(size, small.vocabSize());
        assertEquals(0, small.specialTokens().pad());
        assertEquals(4, small.idOf("[MASK]"));
        assertEquals(5, small.idOf("the"), "the most frequent piece comes right after the specials");
        int[] fullIds = full.encode("the whale swam");
        int[] compactIds = small.encode("the whale swam");
        for (int i = 0; i < fullIds.length; i++) {
            assertEquals(full.idToToken(fullIds[i]), small.idToToken(compactIds[i]));
        }
        assertEquals("the whale swam", small.decode(compactIds));
        int[] unseen = small.encode("zebra");
        assertTrue(unseen.length > 0);
        for (int id : unseen) {
            assertEquals(small.specialTokens().unk(), id);
        }
        small.close(); // a view: must not free the shared native tokenizer
        assertEquals(full.encode("ship").length, small.encode("ship").length);
        assertThrows(IllegalArgumentException.class, () -> small.decode(new int[] {size}));
    }

    @Test
    void vocabularyOfTheTrainingCorpusIsDeterministicAndCoversMostText() {
        try (WordPieceTokenizer a = WordPieceTokenizer.forVocabularySize(8192);
                WordPieceTokenizer b = WordPieceTokenizer.forVocabularySize(8192)) {
            assertEquals(a.compactVocabulary(), b.compactVocabulary());
            assertEquals(a.compactVocabulary().sha256(), b.compactVocabulary().sha256());
            int[] ids = a.encode("it is a truth universally acknowledged that a single man in possession of a good"
                    + " fortune must be in want of a wife");
            long unk = java.util.Arrays.stream(ids).filter(id -> id == a.specialTokens().unk()).count();
            assertTrue(unk <= 1, "common English words are kept; [UNK] count " + unk);
            assertNotEquals(full.vocabSize(), a.vocabSize());
        }
    }
}
