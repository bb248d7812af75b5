package org.sparsemixerlab.workshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checks a participant's load-balancing loss (SPEC 2.9, one group) against {@link
 * org.sparsemixerlab.moe.RouterLosses#loadBalancingLoss} as tokens-choose routing computes it:
 * {@code aux = E * sum_e f[e] * pbar[e]} with {@code f[e]} the share of tokens whose top-k choices
 * include e and {@code pbar[e]} the mean router probability of e. Uniform routing gives k.
 */
public final class LoadBalancingChecker {
    private LoadBalancingChecker() {}

    /** The participant's loss: logits {@code [TOKENS][EXPERTS]} and k to the scalar loss. */
    @FunctionalInterface
    public interface LoadBalancingLoss {
        double loss(double[][] logits, int k);
    }

    private record Case(double[][] logits, int k) {
        String input() {
            return "k=" + k + ", logits=" + ArrayText.of(logits);
        }
    }

    static final String EXERCISE = "load-balancing loss";
    private static final double RELATIVE_TOLERANCE = 1e-4;
    private static final int RANDOM_CASES = 30;

    /** Runs the fixed cases, then {@value #RANDOM_CASES} seeded random ones. */
    public static CheckReport check(LoadBalancingLoss loss) {
        List<Case> cases = cases();
        if (loss == null) {
            return CheckReport.notDone(EXERCISE, cases.size(), "the loss is null; assign a lambda to it.");
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            double expected = LibraryAnswers.loadBalancingLoss(c.logits, c.k);
            ParticipantCode.Call<Double> got = ParticipantCode.call(
                    () -> loss.loss(Arrays.stream(c.logits).map(double[]::clone).toArray(double[][]::new), c.k));
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, cases.size(), ParticipantCode.stubHint());
            }
            String shown = ArrayText.number(expected);
            if (!got.ok()) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), shown, got.problem(),
                        "the loss must return a number for every input.");
            }
            double received = got.value();
            if (!close(expected, received)) {
                return CheckReport.fail(EXERCISE, i, cases.size(), c.input(), shown, ArrayText.number(received),
                        hint(c, expected, received));
            }
        }
        return CheckReport.pass(EXERCISE, cases.size());
    }

    private static String hint(Case c, double expected, double received) {
        int experts = c.logits[0].length;
        if (close(expected / experts, received)) {
            return "missing the factor E (number of experts): aux = E * sum_e f[e] * pbar[e], so that uniform routing "
                    + "gives k whatever E is.";
        }
        if (close(expected * experts, received)) {
            return "one factor E too many: E^2 goes with the MEAN over experts, E with the SUM (E * sum = E^2 * mean).";
        }
        double[][] probs = RouterMath.softmaxRows(c.logits);
        double[] pbar = new double[experts];
        for (double[] row : probs) {
            for (int e = 0; e < experts; e++) {
                pbar[e] += row[e] / probs.length;
            }
        }
        double squared = experts * Arrays.stream(pbar).map(p -> p * p).sum();
        if (close(squared, received)) {
            return "f[e] must count DISCRETE choices (the share of tokens whose top-k includes e), not the mean "
                    + "probability again; only pbar carries the gradient.";
        }
        return "f[e] = (tokens whose top-k includes e) / T, pbar[e] = mean over tokens of the softmax probability of e, "
                + "aux = E * sum_e f[e] * pbar[e]. Uniform logits give exactly k.";
    }

    private static boolean close(double expected, double received) {
        return Math.abs(expected - received) <= RELATIVE_TOLERANCE * Math.max(1e-6, Math.abs(expected));
    }

    private static List<Case> cases() {
        List<Case> list = new ArrayList<>();
        list.add(new Case(new double[][] {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}, 1));
        list.add(new Case(new double[][] {{3, 0, 0, 0}, {2.5, 0, 1, 0}, {4, 0.5, 0, 0}, {0, 0, 0, 2}}, 1));
        list.add(new Case(new double[][] {{3, 0, 0, 0}, {2.5, 0, 1, 0}, {4, 0.5, 0, 0}, {0, 0, 0, 2}}, 2));
        Random random = new Random(5);
        for (int i = 0; i < RANDOM_CASES; i++) {
            int experts = 2 + random.nextInt(6);
            list.add(new Case(RouterMath.randomLogits(random, 2 + random.nextInt(10), experts),
                    1 + random.nextInt(Math.min(2, experts))));
        }
        return list;
    }
}
