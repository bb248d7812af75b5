package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapacityCheckerTest {

    private static final CapacityChecker.CapacityRule RIGHT =
            (cf, tokens, experts, min) -> Math.max((int) Math.rint(cf * tokens / experts), min);

    @Test
    void acceptsRoundHalfToEvenWithMinimum() {
        CheckReport report = CapacityChecker.check(RIGHT);
        assertTrue(report.passed(), report.text());
        assertEquals(report.casesTotal(), report.casesPassed());
    }

    @Test
    void rejectsMathRoundWithTheHalfToEvenHint() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> Math.max((int) Math.round(cf * t / e), min));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals("4", report.expected());
        assertEquals("5", report.received());
        assertTrue(report.hint().contains("EVEN neighbour"), report.hint());
        assertTrue(report.hint().contains("Math.rint"), report.hint());
    }

    @Test
    void rejectsTruncationWithTheRoundingHint() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> Math.max((int) (cf * t / e), min));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.input().contains("tokens=28"), report.input());
        assertTrue(report.hint().contains("truncated"), report.hint());
    }

    @Test
    void rejectsIntegerDivisionWithTheRoundingHint() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> Math.max((int) Math.rint(cf * (t / e)), min));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("integer division"), report.hint());
    }

    @Test
    void rejectsAMissingMinimumWithTheMinimumHint() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> (int) Math.rint(cf * t / e));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("never goes below minCapacity"), report.hint());
    }

    @Test
    void rejectsAnOffByOneWithTheOffByOneHint() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> Math.max((int) Math.rint(cf * t / e), min) + 1);
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals(0, report.casesPassed());
        assertTrue(report.hint().startsWith("off by one"), report.hint());
    }

    @Test
    void reportsTheStubAsNotDoneInsteadOfFailing() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> {
            throw UntouchedExercise.thrown();
        });
        assertEquals(CheckReport.Status.NOT_DONE, report.status());
        assertTrue(report.text().startsWith("NOT DONE YET"), report.text());
    }

    @Test
    void reportsAnExceptionAsAFailureWithItsName() {
        CheckReport report = CapacityChecker.check((cf, t, e, min) -> {
            throw new ArithmeticException("boom");
        });
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.received().contains("ArithmeticException: boom"), report.received());
    }
}
