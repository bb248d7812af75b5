package org.sparsemixerlab.workshop;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.sparsemixerlab.moe.ExpertCapacity;

/**
 * Checks a participant's expert-capacity rule against {@link ExpertCapacity#capacity} (SPEC 2.3:
 * {@code C = max(round_half_even(cf * T / E), minCapacity)}). The fixed cases come first, ordered so
 * that each typical mistake (truncating, rounding half up, integer division, forgetting the
 * minimum) fails on a case whose hint names it.
 */
public final class CapacityChecker {
    private CapacityChecker() {}

    /** The participant's function: capacity factor, tokens per group, experts, minimum capacity to C. */
    @FunctionalInterface
    public interface CapacityRule {
        int capacity(double capacityFactor, int tokens, int experts, int minCapacity);
    }

    private record Case(double cf, int tokens, int experts, int min, String hint) {
        String input() {
            return "capacityFactor=" + ArrayText.number(cf) + ", tokens=" + tokens + ", experts=" + experts
                    + ", minCapacity=" + min + "  (cf*T/E = " + ArrayText.number(cf * tokens / experts) + ")";
        }
    }

    static final String EXERCISE = "expert capacity";
    private static final int RANDOM_CASES = 200;

    /** Runs the fixed cases, then {@value #RANDOM_CASES} seeded random ones. */
    public static CheckReport check(CapacityRule rule) {
        List<Case> cases = cases();
        if (rule == null) {
            return CheckReport.notDone(EXERCISE, cases.size(), "the function is null; assign a lambda to it.");
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int expected = ExpertCapacity.capacity(c.cf, c.tokens, c.experts, c.min);
            ParticipantCode.Call<Integer> got = ParticipantCode.call(() -> rule.capacity(c.cf, c.tokens, c.experts, c.min));
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, cases.size(), ParticipantCode.stubHint());
            }
            if (!got.ok()) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), Integer.toString(expected), got.problem(),
                        "the function must return a number for every positive input.");
            }
            if (got.value() != expected) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), Integer.toString(expected),
                        Integer.toString(got.value()), hint(c, expected, got.value()));
            }
        }
        return CheckReport.pass(EXERCISE, cases.size());
    }

    private static String hint(Case c, int expected, int received) {
        double exact = c.cf * c.tokens / c.experts;
        boolean minApplies = Math.rint(exact) < c.min;
        if (!minApplies && received == expected + 1 && exact - Math.floor(exact) == 0.5) {
            return "exact halves round to the EVEN neighbour (Python's round, used by the reference): 4.5 -> 4, 2.5 -> 2. "
                    + "Java's Math.round rounds half up; use Math.rint.";
        }
        if (minApplies && received < expected) {
            return "C never goes below minCapacity: take the maximum of the rounded value and minCapacity.";
        }
        if (!minApplies && received == (int) Math.floor(exact) && received != expected) {
            return "you truncated cf*T/E (a cast to int, Math.floor or integer division T/E); round to the nearest "
                    + "integer instead (Math.rint).";
        }
        if (Math.abs(received - expected) == 1) {
            return "off by one. " + c.hint;
        }
        return c.hint;
    }

    private static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        String base = "C = max(round(cf * T / E), minCapacity): the slots per expert are the capacity factor times the "
                + "fair share T / E.";
        list.add(new Case(1.0, 4096, 16, 4, base));
        list.add(new Case(0.5, 4096, 16, 4, "the capacity factor multiplies the fair share: cf 0.5 halves the slots. " + base));
        list.add(new Case(1.0, 28, 8, 0, "3.5 must round to 4, not be cut to 3. " + base));
        list.add(new Case(1.0, 36, 8, 0, "4.5 rounds to the even neighbour 4 (half to even). " + base));
        list.add(new Case(1.0, 20, 8, 0, "2.5 rounds to the even neighbour 2 (half to even). " + base));
        list.add(new Case(0.5, 20, 4, 4, "2.5 rounds to 2, then the minimum capacity 4 applies. " + base));
        list.add(new Case(0.25, 6, 4, 1, "0.375 rounds to 0, then the minimum capacity 1 applies. " + base));
        list.add(new Case(2.0, 64, 4, 4, "cf 2 gives every expert twice its fair share. " + base));
        Random random = new Random(2022);
        double[] factors = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0};
        for (int i = 0; i < RANDOM_CASES; i++) {
            list.add(new Case(factors[random.nextInt(factors.length)], 1 + random.nextInt(512), 1 + random.nextInt(32),
                    random.nextInt(6), "a random case. " + base));
        }
        return list;
    }
}
