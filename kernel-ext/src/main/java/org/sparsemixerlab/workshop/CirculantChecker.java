package org.sparsemixerlab.workshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks a participant's circulant token mixing {@code Circ(c) · x} (SPEC 1.4: {@code Circ(c)[r, k] =
 * c[(r - k) mod n]}, so c is the first column) against {@link
 * org.sparsemixerlab.mixing.StructuredMatrices#circulant}.
 */
public final class CirculantChecker {
    private CirculantChecker() {}

    /** The participant's mixer: c {@code [SEQ]} and x {@code [SEQ][D]} to {@code Circ(c) · x} {@code [SEQ][D]}. */
    @FunctionalInterface
    public interface CirculantMix {
        double[][] mix(double[] c, double[][] x);
    }

    private record Case(double[] c, double[][] x) {
        String input() {
            return "c=" + ArrayText.of(c) + ", x=" + ArrayText.of(x);
        }
    }

    static final String EXERCISE = "circulant mixer";
    private static final double TOLERANCE = 1e-9;
    private static final int RANDOM_CASES = 30;

    /** Runs the fixed cases, then {@value #RANDOM_CASES} seeded random ones. */
    public static CheckReport check(CirculantMix mixer) {
        List<Case> cases = cases();
        if (mixer == null) {
            return CheckReport.notDone(EXERCISE, cases.size(), "the mixer is null; assign a lambda to it.");
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            double[][] expected = LibraryAnswers.circulantMix(c.c, c.x);
            ParticipantCode.Call<double[][]> got = ParticipantCode.call(
                    () -> mixer.mix(c.c.clone(), Arrays.stream(c.x).map(double[]::clone).toArray(double[][]::new)));
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, cases.size(), ParticipantCode.stubHint());
            }
            if (!got.ok()) {
                String hint = got.problem().contains("IndexOutOfBounds")
                        ? "an index left the array: Java's % keeps the sign of (r - k), so use Math.floorMod(r - k, n)."
                        : "the mixer must return a [SEQ][D] array for every input.";
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), ArrayText.of(expected), got.problem(), hint);
            }
            int d = c.x[0].length;
            if (!RouterMath.sameShape(got.value(), c.c.length, d)) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), ArrayText.of(expected),
                        ArrayText.of(got.value()), "the result has the shape of x: " + c.c.length + " rows (positions), "
                                + d + " columns (features); the circulant mixes along the positions.");
            }
            if (!RouterMath.close(expected, got.value(), TOLERANCE * scale(expected))) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), ArrayText.of(expected),
                        ArrayText.of(got.value()), hint(c, got.value()));
            }
        }
        return CheckReport.pass(EXERCISE, cases.size());
    }

    private static String hint(Case c, double[][] received) {
        double[] reversed = new double[c.c.length];
        int n = c.c.length;
        for (int i = 0; i < n; i++) {
            reversed[i] = c.c[Math.floorMod(-i, n)];
        }
        double[][] transposed = LibraryAnswers.circulantMix(reversed, c.x);
        if (RouterMath.close(transposed, received, TOLERANCE * scale(transposed))) {
            return "wrong direction: you used c as the first ROW (c[(k - r) mod n]). The reference puts c in the first "
                    + "COLUMN: Circ(c)[r][k] = c[(r - k) mod n], so position r reads c[0] * x[r] + c[1] * x[r - 1] + ...";
        }
        return "output row r is the sum over k of c[(r - k) mod n] * x[k]: each position mixes all positions, "
                + "weighted by c at their (cyclic) distance behind it.";
    }

    private static double scale(double[][] m) {
        return Math.max(1, Arrays.stream(m).flatMapToDouble(Arrays::stream).map(Math::abs).max().orElse(1));
    }

    private static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        double[][] identity = new double[4][4];
        for (int i = 0; i < 4; i++) {
            identity[i][i] = 1;
        }
        list.add(new Case(new double[] {0, 1, 2, 3}, identity));
        list.add(new Case(new double[] {1, 0, 0}, new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        list.add(new Case(new double[] {0, 1, 0}, new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        list.add(new Case(new double[] {0.5, -1, 2, 0.25, 1}, new double[][] {{1}, {0}, {2}, {-1}, {3}}));
        Random random = new Random(3);
        for (int i = 0; i < RANDOM_CASES; i++) {
            int n = 1 + random.nextInt(8);
            int d = 1 + random.nextInt(5);
            double[] c = random.doubles(n, -2, 2).map(v -> Math.round(v * 100) / 100.0).toArray();
            double[][] x = new double[n][];
            for (int r = 0; r < n; r++) {
                x[r] = random.doubles(d, -2, 2).map(v -> Math.round(v * 100) / 100.0).toArray();
            }
            list.add(new Case(c, x));
        }
        return list;
    }
}
