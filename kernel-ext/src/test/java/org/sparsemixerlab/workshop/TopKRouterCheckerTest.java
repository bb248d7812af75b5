package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TopKRouterCheckerTest {

    /** A plain-Java router written independently of the library; variants make the typical mistakes. */
    private static TopKRouterChecker.TopKRouter router(boolean columnSoftmax, boolean laterIndexOnTies,
            boolean ascending, String weightMode) {
        return (logits, k) -> {
            double[][] probs = columnSoftmax ? RouterMath.softmaxColumns(logits) : softmax(logits);
            int[][] experts = new int[logits.length][k];
            double[][] weights = new double[logits.length][k];
            for (int t = 0; t < logits.length; t++) {
                boolean[] taken = new boolean[probs[t].length];
                for (int j = 0; j < k; j++) {
                    int best = -1;
                    for (int e = 0; e < probs[t].length; e++) {
                        if (!taken[e] && (best < 0 || probs[t][e] > probs[t][best]
                                || (laterIndexOnTies && probs[t][e] == probs[t][best]))) {
                            best = e;
                        }
                    }
                    taken[best] = true;
                    experts[t][ascending ? k - 1 - j : j] = best;
                }
                double sum = 0;
                for (int j = 0; j < k; j++) {
                    int e = experts[t][j];
                    weights[t][j] = switch (weightMode) {
                        case "logits" -> logits[t][e];
                        default -> probs[t][e];
                    };
                    sum += weights[t][j];
                }
                if (weightMode.equals("renormalised")) {
                    for (int j = 0; j < k; j++) {
                        weights[t][j] /= sum;
                    }
                }
            }
            return new TokenChoices(experts, weights);
        };
    }

    private static double[][] softmax(double[][] logits) {
        double[][] out = new double[logits.length][];
        for (int t = 0; t < logits.length; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : logits[t]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            out[t] = new double[logits[t].length];
            for (int e = 0; e < logits[t].length; e++) {
                out[t][e] = Math.exp(logits[t][e] - max);
                sum += out[t][e];
            }
            for (int e = 0; e < logits[t].length; e++) {
                out[t][e] /= sum;
            }
        }
        return out;
    }

    @Test
    void acceptsAPlainJavaTopKRouter() {
        CheckReport report = TopKRouterChecker.check(router(false, false, false, "probs"));
        assertTrue(report.passed(), report.text());
    }

    @Test
    void rejectsASoftmaxOverTokensWithTheAxisHint() {
        CheckReport report = TopKRouterChecker.check(router(true, false, false, "probs"));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals(0, report.casesPassed());
        assertTrue(report.hint().contains("wrong axis"), report.hint());
    }

    @Test
    void rejectsTheHigherIndexOnTiesWithTheTieHint() {
        CheckReport report = TopKRouterChecker.check(router(false, true, false, "probs"));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("LOWER expert index wins"), report.hint());
    }

    @Test
    void rejectsAscendingOrderWithTheOrderHint() {
        CheckReport report = TopKRouterChecker.check(router(false, false, true, "probs"));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("wrong order"), report.hint());
    }

    @Test
    void rejectsLogitsAsWeightsWithTheSoftmaxHint() {
        CheckReport report = TopKRouterChecker.check(router(false, false, false, "logits"));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("raw logits"), report.hint());
    }

    @Test
    void rejectsRenormalisedWeightsWithTheRenormalisationHint() {
        CheckReport report = TopKRouterChecker.check(router(false, false, false, "renormalised"));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("do not renormalise"), report.hint());
    }

    @Test
    void rejectsAWrongShapeWithTheShapeHint() {
        CheckReport report = TopKRouterChecker.check((logits, k) -> new TokenChoices(new int[1][k], new double[1][k]));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("one row per token"), report.hint());
    }

    @Test
    void reportsTheStubAsNotDone() {
        CheckReport report = TopKRouterChecker.check((logits, k) -> {
            throw UntouchedExercise.thrown();
        });
        assertEquals(CheckReport.Status.NOT_DONE, report.status());
    }
}
