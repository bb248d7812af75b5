package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationExampleBuilderTest {

    private static final SpecialTokens SPECIALS = new SpecialTokens(0, 100, 101, 102, 103, 999, 30522);

    @Test
    void singleTextIsClsTextSepThenPadding() {
        ClassificationExample e =
                ClassificationExampleBuilder.fromPieces(new int[] {2000, 2001}, null, 1, 6, SPECIALS);
        assertArrayEquals(new int[] {101, 2000, 2001, 102, 0, 0}, e.inputIds());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, e.typeIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0, 0}, e.tokenMask());
        assertEquals(1, e.label());
    }

    @Test
    void pairHasTypeOneForTheSecondSegmentAndItsSep() {
        ClassificationExample e = ClassificationExampleBuilder.fromPieces(
                new int[] {2000}, new int[] {3000, 3001}, 0, 8, SPECIALS);
        assertArrayEquals(new int[] {101, 2000, 102, 3000, 3001, 102, 0, 0}, e.inputIds());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0, 0}, e.typeIds());
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 0, 0}, e.tokenMask());
    }

    @Test
    void truncationCutsTheLongerSegmentFirstAndKeepsSpecials() {
        int[] first = {2000, 2001, 2002, 2003, 2004, 2005};
        int[] second = {3000, 3001};
        ClassificationExample e = ClassificationExampleBuilder.fromPieces(first, second, 0, 8, SPECIALS);
        // Budget 5 pieces: the longer first segment is cut to 3, then both to keep 3 + 2.
        assertArrayEquals(new int[] {101, 2000, 2001, 2002, 102, 3000, 3001, 102}, e.inputIds());
        ClassificationExample single = ClassificationExampleBuilder.fromPieces(first, null, 0, 4, SPECIALS);
        assertArrayEquals(new int[] {101, 2000, 2001, 102}, single.inputIds());
    }

    @Test
    void realTextPairsArePaddedToExactlyL() {
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.bertUncased()) {
            ClassificationExampleBuilder builder = new ClassificationExampleBuilder(tokenizer, 32);
            ClassificationExample e = builder.pair("The LORD is my shepherd; I shall not want.",
                    "Yahweh is my shepherd; I shall lack nothing.", 1);
            assertEquals(32, e.length());
            TokenizedPair untruncated = tokenizer.encodePair("The LORD is my shepherd; I shall not want.",
                    "Yahweh is my shepherd; I shall lack nothing.");
            int n = untruncated.ids().length;
            for (int i = 0; i < 32; i++) {
                assertEquals(i < n ? untruncated.ids()[i] : 0, e.inputIds()[i]);
                assertEquals(i < n ? untruncated.typeIds()[i] : 0, e.typeIds()[i]);
                assertEquals(i < n ? 1 : 0, e.tokenMask()[i]);
            }
        }
    }

    @Test
    void batchBuildingEqualsBuildingOneRowAtATime() {
        List<LabelledText> rows = List.of(
                new LabelledText("a", 1, "Wow... Loved this place.", null),
                new LabelledText("b", 0, "Crust is not good.", null),
                new LabelledText("c", 1, "In the beginning God created the heaven and the earth.",
                        "In the beginning, God created the heavens and the earth."));
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.bertUncased()) {
            ClassificationExampleBuilder builder = new ClassificationExampleBuilder(tokenizer, 16);
            List<ClassificationExample> batch = builder.build(rows);
            assertEquals(3, batch.size());
            for (int i = 0; i < rows.size(); i++) {
                LabelledText r = rows.get(i);
                ClassificationExample one = r.isPair() ? builder.pair(r.text(), r.secondText(), r.label())
                        : builder.single(r.text(), r.label());
                assertArrayEquals(one.inputIds(), batch.get(i).inputIds());
                assertArrayEquals(one.typeIds(), batch.get(i).typeIds());
                assertEquals(r.label(), batch.get(i).label());
            }
        }
    }
}
