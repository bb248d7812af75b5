package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LoadBalancingCheckerTest {

    /** {@code factor * sum_e f[e] * pbar[e]}, with f from top-k choices or (wrongly) from probabilities. */
    private static LoadBalancingChecker.LoadBalancingLoss loss(int exponentOfE, boolean fFromProbabilities) {
        return (logits, k) -> {
            double[][] probs = RouterMath.softmaxRows(logits);
            int experts = logits[0].length;
            double[] f = new double[experts];
            double[] pbar = new double[experts];
            for (double[] row : probs) {
                for (int e : RouterMath.topIndices(row, k)) {
                    f[e] += 1.0 / probs.length;
                }
                for (int e = 0; e < experts; e++) {
                    pbar[e] += row[e] / probs.length;
                }
            }
            double sum = 0;
            for (int e = 0; e < experts; e++) {
                sum += (fFromProbabilities ? pbar[e] : f[e]) * pbar[e];
            }
            return Math.pow(experts, exponentOfE) * sum;
        };
    }

    @Test
    void acceptsETimesTheSumOfShareTimesMeanProbability() {
        CheckReport report = LoadBalancingChecker.check(loss(1, false));
        assertTrue(report.passed(), report.text());
    }

    @Test
    void rejectsAMissingFactorEWithItsHint() {
        CheckReport report = LoadBalancingChecker.check(loss(0, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals(0, report.casesPassed());
        assertTrue(report.hint().startsWith("missing the factor E"), report.hint());
    }

    @Test
    void rejectsESquaredWithTheSumWithItsHint() {
        CheckReport report = LoadBalancingChecker.check(loss(2, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().startsWith("one factor E too many"), report.hint());
    }

    @Test
    void rejectsProbabilitiesInPlaceOfChoicesWithItsHint() {
        CheckReport report = LoadBalancingChecker.check(loss(1, true));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("DISCRETE choices"), report.hint());
    }
}
