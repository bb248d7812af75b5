package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counts and label balances are the ones documented in datasets/README.md. */
class ClassificationTaskTest {

    @Test
    void sentimentHasTheDocumentedBalancedSplitAndNoSharedSentences() {
        TaskSplit train = ClassificationTask.SENTIMENT.load(Split.TRAIN);
        TaskSplit dev = ClassificationTask.SENTIMENT.load(Split.DEV);
        assertArrayEquals(new int[] {1193, 1190}, train.labelCounts());
        assertArrayEquals(new int[] {298, 298}, dev.labelCounts());
        assertEquals(2383, train.fingerprint().exampleCount());
        Set<String> trainTexts = new HashSet<>();
        train.rows().forEach(r -> trainTexts.add(r.text().toLowerCase()));
        dev.rows().forEach(r -> assertFalse(trainTexts.contains(r.text().toLowerCase()), r.text()));
        assertFalse(train.rows().get(0).isPair());
    }

    @Test
    void foodReviewsKeepThePackagesSplitAndImbalance() {
        assertArrayEquals(new int[] {1400, 2600}, ClassificationTask.FOOD_REVIEWS.load(Split.TRAIN).labelCounts());
        TaskSplit dev = ClassificationTask.FOOD_REVIEWS.load(Split.DEV);
        assertArrayEquals(new int[] {342, 658}, dev.labelCounts());
        dev.rows().forEach(r -> assertFalse(r.text().contains("<br"), "HTML breaks are stripped"));
    }

    @Test
    void paraphraseIsBalancedPairsSplitByBook() {
        TaskSplit train = ClassificationTask.PARAPHRASE.load(Split.TRAIN);
        TaskSplit dev = ClassificationTask.PARAPHRASE.load(Split.DEV);
        assertArrayEquals(new int[] {28948, 28948}, train.labelCounts());
        assertArrayEquals(new int[] {1987, 1987}, dev.labelCounts());
        Set<String> trainBooks = new HashSet<>();
        for (LabelledText row : train.rows()) {
            assertTrue(row.isPair());
            trainBooks.add(book(row.id()));
        }
        for (LabelledText row : dev.rows()) {
            assertFalse(trainBooks.contains(book(row.id())), "book of " + row.id() + " is also in train");
        }
        assertTrue(ClassificationTask.PARAPHRASE.isPair());
        assertEquals(ClassificationTask.PARAPHRASE, ClassificationTask.byName("paraphrase"));
    }

    /** "I_Chronicles_21:24~23" -> "I_Chronicles". */
    private static String book(String id) {
        String chapterVerse = id.substring(0, id.indexOf(':'));
        return chapterVerse.substring(0, chapterVerse.lastIndexOf('_'));
    }
}
