package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpertsChooseCheckerTest {

    /** Plain-Java experts-choose by repeated arg-max over each expert's column of scores. */
    private static int[][] chooseBy(double[][] scores, int capacity, boolean laterIndexOnTies, boolean ascending) {
        int experts = scores[0].length;
        int[][] out = new int[experts][capacity];
        for (int e = 0; e < experts; e++) {
            boolean[] taken = new boolean[scores.length];
            for (int c = 0; c < capacity; c++) {
                int best = -1;
                for (int t = 0; t < scores.length; t++) {
                    if (!taken[t] && (best < 0 || scores[t][e] > scores[best][e]
                            || (laterIndexOnTies && scores[t][e] == scores[best][e]))) {
                        best = t;
                    }
                }
                taken[best] = true;
                out[e][ascending ? capacity - 1 - c : c] = best;
            }
        }
        return out;
    }

    @Test
    void acceptsRankingByRowSoftmaxProbability() {
        CheckReport report = ExpertsChooseChecker.check((l, c) -> chooseBy(RouterMath.softmaxRows(l), c, false, false));
        assertTrue(report.passed(), report.text());
    }

    @Test
    void rejectsRankingByRawLogitsWithTheProbabilityHint() {
        CheckReport report = ExpertsChooseChecker.check((l, c) -> chooseBy(l, c, false, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals(0, report.casesPassed());
        assertTrue(report.hint().contains("raw logits"), report.hint());
    }

    @Test
    void rejectsSoftmaxOverTokensWithTheSameHint() {
        CheckReport report = ExpertsChooseChecker.check((l, c) -> chooseBy(RouterMath.softmaxColumns(l), c, false, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("softmax over the tokens"), report.hint());
    }

    @Test
    void rejectsTheHigherTokenOnTiesWithTheTieHint() {
        CheckReport report = ExpertsChooseChecker.check((l, c) -> chooseBy(RouterMath.softmaxRows(l), c, true, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("LOWER token index"), report.hint());
    }

    @Test
    void rejectsAscendingSlotsWithTheOrderHint() {
        CheckReport report = ExpertsChooseChecker.check((l, c) -> chooseBy(RouterMath.softmaxRows(l), c, false, true));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("wrong order"), report.hint());
    }

    @Test
    void rejectsTheTokensChooseLayoutWithTheShapeHint() {
        CheckReport report = ExpertsChooseChecker.check((l, c) -> new int[l.length][c]);
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("one row per EXPERT"), report.hint());
    }
}
