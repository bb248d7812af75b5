package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CirculantCheckerTest {

    private static CirculantChecker.CirculantMix mixer(int direction, boolean javaRemainder) {
        return (c, x) -> {
            int n = c.length;
            int d = x[0].length;
            double[][] out = new double[n][d];
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < n; k++) {
                    int offset = direction * (r - k);
                    double w = c[javaRemainder ? offset % n : Math.floorMod(offset, n)];
                    for (int j = 0; j < d; j++) {
                        out[r][j] += w * x[k][j];
                    }
                }
            }
            return out;
        };
    }

    @Test
    void acceptsFirstColumnCirculant() {
        CheckReport report = CirculantChecker.check(mixer(1, false));
        assertTrue(report.passed(), report.text());
    }

    @Test
    void rejectsTheFirstRowDirectionWithTheDirectionHint() {
        CheckReport report = CirculantChecker.check(mixer(-1, false));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertEquals(0, report.casesPassed());
        assertTrue(report.hint().startsWith("wrong direction"), report.hint());
    }

    @Test
    void rejectsJavaRemainderWithTheFloorModHint() {
        CheckReport report = CirculantChecker.check(mixer(1, true));
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("Math.floorMod"), report.hint());
    }

    @Test
    void rejectsATransposedResultWithTheShapeHint() {
        CheckReport report = CirculantChecker.check((c, x) -> new double[x[0].length + 1][c.length]);
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("the result has the shape of x"), report.hint());
    }

    @Test
    void rejectsTheUnmixedInputWithTheGeneralHint() {
        CheckReport report = CirculantChecker.check((c, x) -> x);
        assertEquals(CheckReport.Status.FAILED, report.status());
        assertTrue(report.hint().contains("sum over k of c[(r - k) mod n] * x[k]"), report.hint());
    }
}
