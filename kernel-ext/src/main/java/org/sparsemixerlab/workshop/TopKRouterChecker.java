package org.sparsemixerlab.workshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks a participant's tokens-choose top-k router (SPEC 2.6 step 1, before any capacity limit)
 * against {@link org.sparsemixerlab.moe.TokensChooseRouting}: for every token, the k most probable
 * experts (most probable first, lower expert index first on exact ties) and their softmax
 * probabilities as weights.
 */
public final class TopKRouterChecker {
    private TopKRouterChecker() {}

    /** The participant's router: logits {@code [TOKENS][EXPERTS]} and k to the choices. */
    @FunctionalInterface
    public interface TopKRouter {
        TokenChoices route(double[][] logits, int k);
    }

    private record Case(double[][] logits, int k) {
        String input() {
            return "k=" + k + ", logits=" + ArrayText.of(logits);
        }
    }

    static final String EXERCISE = "tokens-choose top-k router";
    private static final double TOLERANCE = 1e-5;
    private static final int RANDOM_CASES = 60;

    /** Runs the fixed cases, then {@value #RANDOM_CASES} seeded random ones. */
    public static CheckReport check(TopKRouter router) {
        List<Case> cases = cases();
        if (router == null) {
            return CheckReport.notDone(EXERCISE, cases.size(), "the router is null; assign a lambda to it.");
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            TokenChoices expected = LibraryAnswers.tokensChoose(c.logits, c.k);
            ParticipantCode.Call<TokenChoices> got = ParticipantCode.call(() -> router.route(copy(c.logits), c.k));
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, cases.size(), ParticipantCode.stubHint());
            }
            String shown = show(expected);
            if (!got.ok()) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), shown, got.problem(),
                        "return new TokenChoices(experts, weights) with one row of k entries per token.");
            }
            TokenChoices r = got.value();
            int t = c.logits.length;
            if (r.experts() == null || r.weights() == null || !RouterMath.sameShape(r.experts(), t, c.k)
                    || !RouterMath.sameShape(r.weights(), t, c.k)) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), shown, show(r),
                        "both arrays need one row per token (" + t + " rows) and k = " + c.k + " entries per row.");
            }
            if (!Arrays.deepEquals(expected.experts(), r.experts())) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), shown, show(r), expertHint(c, expected, r));
            }
            if (!RouterMath.close(expected.weights(), r.weights(), TOLERANCE)) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), shown, show(r), weightHint(c, r));
            }
        }
        return CheckReport.pass(EXERCISE, cases.size());
    }

    private static String expertHint(Case c, TokenChoices expected, TokenChoices r) {
        if (Arrays.deepEquals(RouterMath.topKRows(RouterMath.softmaxColumns(c.logits), c.k), r.experts())) {
            return "the softmax went over the wrong axis: normalise each TOKEN's row of E logits (its probabilities over "
                    + "experts sum to 1), not each expert's column over the tokens.";
        }
        int[][] reversed = Arrays.stream(expected.experts()).map(row -> {
            int[] out = new int[row.length];
            for (int j = 0; j < row.length; j++) {
                out[j] = row[row.length - 1 - j];
            }
            return out;
        }).toArray(int[][]::new);
        if (c.k > 1 && Arrays.deepEquals(reversed, r.experts())) {
            return "the right experts in the wrong order: list them from the most probable to the least probable.";
        }
        for (int t = 0; t < c.logits.length; t++) {
            if (!Arrays.equals(expected.experts()[t], r.experts()[t])) {
                if (RouterMath.hasTie(c.logits[t])) {
                    return "token " + t + " has exactly equal logits: on a tie the LOWER expert index wins (as lax.top_k "
                            + "in the reference). Compare with a strict > when you scan, or sort stably by index.";
                }
                return "token " + t + " should take the " + c.k + " experts with the largest probabilities, the most "
                        + "probable first.";
            }
        }
        return "compare your experts with the expected ones row by row.";
    }

    private static String weightHint(Case c, TokenChoices r) {
        double[][] logitsAt = pick(c.logits, r.experts());
        double[][] columnProbs = pick(RouterMath.softmaxColumns(c.logits), r.experts());
        if (RouterMath.close(logitsAt, r.weights(), TOLERANCE)) {
            return "the weights are the raw logits: apply the softmax over each token's experts and use those "
                    + "probabilities.";
        }
        if (RouterMath.close(columnProbs, r.weights(), TOLERANCE)) {
            return "the softmax went over the wrong axis: each token's probabilities over its E experts must sum to 1.";
        }
        double[][] probs = pick(RouterMath.softmaxRows(c.logits), r.experts());
        double[][] renormalised = Arrays.stream(probs).map(row -> {
            double s = Arrays.stream(row).sum();
            return Arrays.stream(row).map(v -> v / s).toArray();
        }).toArray(double[][]::new);
        if (RouterMath.close(renormalised, r.weights(), TOLERANCE)) {
            return "do not renormalise over the chosen experts: the weight is the plain softmax probability of that "
                    + "expert (SPEC 2.7), so with k = 1 it is usually below 1.";
        }
        return "the weight of a chosen expert is its softmax probability: exp(logit - max) / sum over the token's "
                + "experts of exp(logit - max).";
    }

    private static double[][] pick(double[][] values, int[][] experts) {
        double[][] out = new double[experts.length][];
        for (int t = 0; t < experts.length; t++) {
            final int token = t;
            out[t] = Arrays.stream(experts[t]).mapToDouble(e -> e >= 0 && e < values[token].length ? values[token][e]
                    : Double.NaN).toArray();
        }
        return out;
    }

    private static String show(TokenChoices c) {
        return "experts=" + ArrayText.of(c.experts()) + ", weights=" + ArrayText.of(c.weights());
    }

    private static double[][] copy(double[][] m) {
        return Arrays.stream(m).map(double[]::clone).toArray(double[][]::new);
    }

    private static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        // Token 0 prefers expert 0, but a softmax over the tokens would send it to expert 1.
        double[][] first = {{2, 1.5, 0, -1}, {5, 0, 0.5, 1}, {0, 0.5, 3, 1}};
        list.add(new Case(first, 1));
        list.add(new Case(first, 2));
        double[][] ties = {{1, 3, 3, 0}, {2, 2, 2, 2}, {0, 1, 0, 1}};
        list.add(new Case(ties, 1));
        list.add(new Case(ties, 2));
        list.add(new Case(new double[][] {{0.5, -0.5, 2, 1.5, 0}}, 3));
        Random random = new Random(7);
        for (int i = 0; i < RANDOM_CASES; i++) {
            int experts = 2 + random.nextInt(7);
            list.add(new Case(RouterMath.randomLogits(random, 1 + random.nextInt(10), experts),
                    1 + random.nextInt(Math.min(3, experts))));
        }
        return list;
    }
}
