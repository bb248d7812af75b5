package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CheckReportTest {

    @Test
    void failureShowsInputExpectedReceivedAndHintInBothForms() {
        CheckReport report = CheckReport.fail("x", 2, 9, "a<b", "1", "2", "look & see");
        assertFalse(report.passed());
        assertTrue(report.text().contains("input:    a<b"), report.text());
        assertTrue(report.text().contains("hint:     look & see"), report.text());
        assertTrue(report.html().contains("a&lt;b"), report.html());
        assertTrue(report.html().contains("look &amp; see"), report.html());
        assertTrue(report.html().contains("2 of 9 cases passed"), report.html());
    }

    @Test
    void passShowsNoCaseTable() {
        CheckReport report = CheckReport.pass("x", 5);
        assertTrue(report.passed());
        assertFalse(report.html().contains("<table"), report.html());
        assertTrue(report.text().startsWith("PASSED x"), report.text());
    }
}
