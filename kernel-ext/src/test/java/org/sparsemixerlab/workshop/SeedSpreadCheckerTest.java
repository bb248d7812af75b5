package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeedSpreadCheckerTest {

    /** An independent solution in plain loops. */
    private static String solution(double[] v, double[] b, double seFactor, boolean sample) {
        if (v.length < 2 || b.length < 2) {
            return "inconclusive";
        }
        double mv = 0;
        double mb = 0;
        for (double x : v) {
            mv += x / v.length;
        }
        for (double x : b) {
            mb += x / b.length;
        }
        double sv = 0;
        double sb = 0;
        for (double x : v) {
            sv += (x - mv) * (x - mv);
        }
        for (double x : b) {
            sb += (x - mb) * (x - mb);
        }
        double varV = sv / (sample ? v.length - 1 : v.length) / v.length;
        double varB = sb / (sample ? b.length - 1 : b.length) / b.length;
        double bound = seFactor * Math.sqrt(varV + varB);
        return mv - mb > bound ? "better" : mv - mb < -bound ? "worse" : "inconclusive";
    }

    @Test
    void acceptsTheTwoStandardErrorRule() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> solution(v, b, 2, true));
        assertTrue(r.passed(), r.text());
    }

    @Test
    void rejectsComparingMeansOnly() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> solution(v, b, 0, true));
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertEquals("inconclusive", r.expected());
        assertEquals("better", r.received());
        assertTrue(r.hint().contains("means only"), r.hint());
    }

    @Test
    void rejectsOneStandardError() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> solution(v, b, 1, true));
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertTrue(r.hint().contains("1 standard error"), r.hint());
    }

    @Test
    void rejectsThePopulationStandardDeviation() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> solution(v, b, 2, false));
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertTrue(r.hint().contains("population standard deviation"), r.hint());
    }

    @Test
    void rejectsTheStandardDeviationInPlaceOfTheStandardError() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> solution(v, b, 2 * Math.sqrt(3), true));
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertTrue(r.hint().contains("standard error, std/sqrt(n)"), r.hint());
    }

    @Test
    void rejectsSwappedDirection() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> solution(b, v, 2, true));
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertEquals("worse", r.received());
        assertTrue(r.hint().contains("swapped"), r.hint());
    }

    @Test
    void rejectsAVerdictFromASingleSeed() {
        CheckReport r = SeedSpreadChecker.check((v, b) -> {
            if (v.length < 2) {
                return v[0] > b[0] ? "better" : "worse";
            }
            return solution(v, b, 2, true);
        });
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertTrue(r.input().startsWith("variant=[0.6000]"), r.input());
        assertTrue(r.hint().contains("single seed"), r.hint());
    }

    @Test
    void reportsAStubAsNotDoneAndAnOddWordAsWrong() {
        assertEquals(CheckReport.Status.NOT_DONE, SeedSpreadChecker.check((v, b) -> {
            throw UntouchedExercise.thrown();
        }).status());
        CheckReport r = SeedSpreadChecker.check((v, b) -> "same");
        assertEquals(CheckReport.Status.FAILED, r.status());
        assertTrue(r.hint().contains("one of the words"), r.hint());
    }
}
