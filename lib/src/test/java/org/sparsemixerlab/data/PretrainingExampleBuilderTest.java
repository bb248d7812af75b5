package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PretrainingExampleBuilderTest {

    private static final SpecialTokens SPECIALS = new SpecialTokens(0, 100, 101, 102, 103, 999, 30522);

    /**
     * Documents whose pieces are strictly increasing ids starting at 1000, so the original order of
     * any two pieces of one document can be read off their ids. Line lengths vary from 1 to 40.
     */
    private static List<TokenizedDocument> syntheticDocuments(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TokenizedDocument> docs = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            int next = 1000;
            int[][] lines = new int[1 + random.nextInt(30)][];
            for (int l = 0; l < lines.length; l++) {
                lines[l] = new int[1 + random.nextInt(40)];
                for (int i = 0; i < lines[l].length; i++) {
                    lines[l][i] = next++;
                }
            }
            docs.add(new TokenizedDocument("doc" + d, lines));
        }
        return docs;
    }

    private static int[] unmasked(PretrainingExample e) {
        int[] ids = e.inputIds().clone();
        for (int k = 0; k < e.maxPredictions(); k++) {
            if (e.maskedWeights()[k] > 0) {
                ids[e.maskedPositions()[k]] = e.maskedLabelIds()[k];
            }
        }
        return ids;
    }

    @Test
    void everyExampleIsPaddedToExactlyLWithConsistentMaskAndTypes() {
        int l = 64;
        List<PretrainingExample> examples =
                new PretrainingExampleBuilder(SPECIALS, l, 7).build(syntheticDocuments(40, 1));
        assertFalse(examples.isEmpty());
        for (PretrainingExample e : examples) {
            assertEquals(l, e.inputIds().length);
            assertEquals(l, e.typeIds().length);
            assertEquals(l, e.tokenMask().length);
            int[] ids = unmasked(e);
            int real = Arrays.stream(e.tokenMask()).sum();
            assertEquals(SPECIALS.cls(), ids[0]);
            assertEquals(SPECIALS.sep(), ids[real - 1]);
            int firstSep = -1;
            for (int i = 1; i < real - 1; i++) {
                if (ids[i] == SPECIALS.sep()) {
                    assertEquals(-1, firstSep, "exactly one inner [SEP]");
                    firstSep = i;
                }
            }
            assertTrue(firstSep > 1 && firstSep < real - 2, "both segments non-empty");
            for (int i = 0; i < l; i++) {
                assertEquals(i < real ? 1 : 0, e.tokenMask()[i]);
                int expectedType = i > firstSep && i < real ? 1 : 0;
                assertEquals(expectedType, e.typeIds()[i], "type id at " + i);
                if (i >= real) {
                    assertEquals(SPECIALS.pad(), e.inputIds()[i]);
                }
            }
        }
    }

    @Test
    void nspLabelOneKeepsDocumentOrderAndZeroSwapsIt() {
        List<PretrainingExample> examples =
                new PretrainingExampleBuilder(SPECIALS, 128, 11).build(syntheticDocuments(200, 2));
        int ones = 0;
        for (PretrainingExample e : examples) {
            int[] ids = unmasked(e);
            int real = Arrays.stream(e.tokenMask()).sum();
            List<Integer> first = new ArrayList<>();
            List<Integer> second = new ArrayList<>();
            for (int i = 1; i < real - 1; i++) {
                if (ids[i] == SPECIALS.sep()) {
                    continue;
                }
                (e.typeIds()[i] == 0 ? first : second).add(ids[i]);
            }
            // Each segment is a run of consecutive pieces of the document.
            for (List<Integer> seg : List.of(first, second)) {
                for (int i = 1; i < seg.size(); i++) {
                    assertEquals(seg.get(i - 1) + 1, (int) seg.get(i));
                }
            }
            if (e.nspLabel() == 1) {
                ones++;
                assertEquals(first.get(first.size() - 1) + 1, (int) second.get(0), "A directly before B");
            } else {
                assertEquals(second.get(second.size() - 1) + 1, (int) first.get(0), "B first, then A");
            }
        }
        double fraction = (double) ones / examples.size();
        assertTrue(Math.abs(fraction - 0.5) < 0.06, "NSP positives " + fraction + " of " + examples.size());
    }

    @Test
    void maskingChoosesFifteenPercentWithEightyTenTenSplitAndNeverSpecials() {
        List<PretrainingExample> examples =
                new PretrainingExampleBuilder(SPECIALS, 128, 40, 5).build(syntheticDocuments(400, 3));
        long candidates = 0;
        long chosen = 0;
        long toMask = 0;
        long unchanged = 0;
        long random = 0;
        for (PretrainingExample e : examples) {
            int[] original = unmasked(e);
            for (int i = 0; i < original.length; i++) {
                if (e.tokenMask()[i] == 1 && !SPECIALS.neverMasked(original[i])) {
                    candidates++;
                }
            }
            int used = e.predictionCount();
            assertTrue(used >= 1, "at least one prediction");
            for (int k = 0; k < e.maxPredictions(); k++) {
                if (k >= used) {
                    assertEquals(0f, e.maskedWeights()[k]);
                    assertEquals(0, e.maskedPositions()[k]);
                    continue;
                }
                int pos = e.maskedPositions()[k];
                assertEquals(1f, e.maskedWeights()[k]);
                assertTrue(k == 0 || pos > e.maskedPositions()[k - 1], "positions ascending");
                assertEquals(1, e.tokenMask()[pos], "never padding");
                assertFalse(SPECIALS.neverMasked(e.maskedLabelIds()[k]), "never [CLS]/[SEP]/[PAD]");
                int now = e.inputIds()[pos];
                if (now == SPECIALS.mask()) {
                    toMask++;
                } else if (now == e.maskedLabelIds()[k]) {
                    unchanged++;
                } else {
                    random++;
                    assertTrue(now >= SPECIALS.firstNormalId() && now < SPECIALS.vocabSize(),
                            "random replacement is an ordinary piece: " + now);
                }
            }
            chosen += used;
        }
        double rate = (double) chosen / candidates;
        assertTrue(Math.abs(rate - 0.15) < 0.01, "masking rate " + rate);
        assertTrue(Math.abs((double) toMask / chosen - 0.8) < 0.02, "[MASK] share " + (double) toMask / chosen);
        assertTrue(Math.abs((double) unchanged / chosen - 0.1) < 0.02, "unchanged share " + (double) unchanged / chosen);
        assertTrue(Math.abs((double) random / chosen - 0.1) < 0.02, "random share " + (double) random / chosen);
    }

    @Test
    void predictionCountRespectsTheCapAndTheFloor() {
        int[][] longLine = {java.util.stream.IntStream.range(1000, 1100).toArray()};
        int[][] twoPieces = {{1000}, {1001}};
        List<TokenizedDocument> docs = List.of(new TokenizedDocument("long", longLine),
                new TokenizedDocument("tiny", twoPieces));
        List<PretrainingExample> examples = new PretrainingExampleBuilder(SPECIALS, 64, 3, 9).build(docs);
        // 100 pieces at L=64 -> chunks of 61 and 39 pieces, plus the two-piece document.
        assertEquals(3, examples.size());
        assertEquals(3, examples.get(0).predictionCount(), "capped at P=3 (15% of 61 would be 9)");
        assertEquals(3, examples.get(1).predictionCount());
        assertEquals(1, examples.get(2).predictionCount(), "at least one of two candidates");
        for (PretrainingExample e : examples) {
            assertEquals(3, e.maxPredictions());
        }
    }

    @Test
    void defaultPredictionSlotsScaleFromEightyAtFiveTwelve() {
        assertEquals(80, PretrainingExampleBuilder.defaultMaxPredictions(512));
        assertEquals(20, PretrainingExampleBuilder.defaultMaxPredictions(128));
        assertEquals(10, PretrainingExampleBuilder.defaultMaxPredictions(64));
    }

    @Test
    void packingIsGreedyWithinTheBudgetAndSplitsOverlongLines() {
        int[][] lines = {new int[3], new int[4], new int[2], new int[12], new int[1]};
        List<List<int[]>> chunks = PretrainingExampleBuilder.chunks(lines, 8);
        List<List<Integer>> sizes = new ArrayList<>();
        for (List<int[]> chunk : chunks) {
            sizes.add(chunk.stream().map(a -> a.length).toList());
        }
        assertEquals(List.of(List.of(3, 4), List.of(2), List.of(8), List.of(4, 1)), sizes);
    }

    @Test
    void sameSeedGivesIdenticalExamplesAndAnotherSeedDiffers() {
        List<TokenizedDocument> docs = syntheticDocuments(30, 4);
        List<PretrainingExample> a = new PretrainingExampleBuilder(SPECIALS, 64, 21).build(docs);
        List<PretrainingExample> b = new PretrainingExampleBuilder(SPECIALS, 64, 21).build(docs);
        List<PretrainingExample> c = new PretrainingExampleBuilder(SPECIALS, 64, 22).build(docs);
        assertEquals(a.size(), b.size());
        boolean anyDifference = false;
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).inputIds(), b.get(i).inputIds());
            assertArrayEquals(a.get(i).typeIds(), b.get(i).typeIds());
            assertArrayEquals(a.get(i).maskedPositions(), b.get(i).maskedPositions());
            assertArrayEquals(a.get(i).maskedLabelIds(), b.get(i).maskedLabelIds());
            assertEquals(a.get(i).nspLabel(), b.get(i).nspLabel());
            if (i < c.size() && !Arrays.equals(a.get(i).inputIds(), c.get(i).inputIds())) {
                anyDifference = true;
            }
        }
        assertTrue(anyDifference, "a different seed changes the examples");
    }
}
