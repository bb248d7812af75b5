package org.sparsemixerlab.workshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks a participant's experts-choose router (SPEC 2.5) against {@link
 * org.sparsemixerlab.moe.ExpertsChooseRouting}: every expert takes the C tokens with the largest
 * router probability (softmax over each token's experts), most probable first, the lower token
 * index first on exact ties.
 */
public final class ExpertsChooseChecker {
    private ExpertsChooseChecker() {}

    /** The participant's router: logits {@code [TOKENS][EXPERTS]} and C to the tokens of every slot {@code [E][C]}. */
    @FunctionalInterface
    public interface ExpertsChooseRouter {
        int[][] route(double[][] logits, int capacity);
    }

    private record Case(double[][] logits, int capacity) {
        String input() {
            return "capacity=" + capacity + ", logits=" + ArrayText.of(logits);
        }
    }

    static final String EXERCISE = "experts-choose router";
    private static final int RANDOM_CASES = 60;

    /** Runs the fixed cases, then {@value #RANDOM_CASES} seeded random ones. */
    public static CheckReport check(ExpertsChooseRouter router) {
        List<Case> cases = cases();
        if (router == null) {
            return CheckReport.notDone(EXERCISE, cases.size(), "the router is null; assign a lambda to it.");
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            int[][] expected = LibraryAnswers.expertsChoose(c.logits, c.capacity);
            double[][] copy = Arrays.stream(c.logits).map(double[]::clone).toArray(double[][]::new);
            ParticipantCode.Call<int[][]> got = ParticipantCode.call(() -> router.route(copy, c.capacity));
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, cases.size(), ParticipantCode.stubHint());
            }
            if (!got.ok()) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), ArrayText.of(expected), got.problem(),
                        "return an int[E][C] array: row e lists the tokens expert e takes.");
            }
            int experts = c.logits[0].length;
            if (!RouterMath.sameShape(got.value(), experts, c.capacity)) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), ArrayText.of(expected),
                        ArrayText.of(got.value()), "one row per EXPERT (" + experts + " rows), each with C = " + c.capacity
                                + " token indices; rows per token would be the tokens-choose layout.");
            }
            if (!Arrays.deepEquals(expected, got.value())) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), ArrayText.of(expected),
                        ArrayText.of(got.value()), hint(c, expected, got.value()));
            }
        }
        return CheckReport.pass(EXERCISE, cases.size());
    }

    private static String hint(Case c, int[][] expected, int[][] received) {
        if (Arrays.deepEquals(RouterMath.topTokensPerExpert(c.logits, c.capacity), received)) {
            return "you ranked the tokens by their raw logits (or by a softmax over the tokens, which keeps that order). "
                    + "Rank by the router probability: the softmax over each token's experts, then take each expert's "
                    + "column.";
        }
        boolean sameSets = true;
        for (int e = 0; e < expected.length; e++) {
            int[] a = expected[e].clone();
            int[] b = received[e].clone();
            Arrays.sort(a);
            Arrays.sort(b);
            sameSets &= Arrays.equals(a, b);
        }
        if (sameSets) {
            return "the right tokens in the wrong order: slot 0 holds the most probable token, then descending.";
        }
        double[][] probs = RouterMath.softmaxRows(c.logits);
        for (int e = 0; e < expected.length; e++) {
            if (!Arrays.equals(expected[e], received[e])) {
                double[] column = RouterMath.transpose(probs)[e];
                if (RouterMath.hasTie(column)) {
                    return "expert " + e + " sees tokens with exactly equal probability: on a tie the LOWER token index "
                            + "comes first (lax.top_k in the reference).";
                }
                return "expert " + e + " should take the " + c.capacity + " tokens with the largest probability for it, "
                        + "whether or not other experts also take them.";
            }
        }
        return "compare your rows with the expected ones.";
    }

    private static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        // By raw logits expert 0 would rank token 1 (3.0) before token 0 (2.0); by probability token 0 wins.
        list.add(new Case(new double[][] {{2, 0}, {3, 2.9}, {0, 1}, {-1, 0.5}}, 2));
        list.add(new Case(new double[][] {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}, {1, 1, 1}, {2, 0, 1}, {0, 0, 0}}, 2));
        list.add(new Case(new double[][] {{1, 1}, {1, 1}, {0, 0}, {2, 2}}, 3));
        list.add(new Case(new double[][] {{0.5, 0.2, 0.1}, {0.4, 0.4, 0.1}, {0, 1, 0.5}}, 1));
        Random random = new Random(11);
        for (int i = 0; i < RANDOM_CASES; i++) {
            int tokens = 2 + random.nextInt(10);
            list.add(new Case(RouterMath.randomLogits(random, tokens, 2 + random.nextInt(5)), 1 + random.nextInt(tokens)));
        }
        return list;
    }
}
