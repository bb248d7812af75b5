package org.sparsemixerlab.workshop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sparsemixerlab.ablation.MetricSummary;

/**
 * Checks a participant's reading of an ablation row: given one metric (higher is better, e.g. MLM
 * accuracy) over the seeds of a variant and of the baseline, answer {@code "better"}, {@code
 * "worse"} or {@code "inconclusive"} with the rule the study tables use: the difference of the means
 * must clear two standard errors of the difference, {@code 2 * sqrt(se_v^2 + se_b^2)} with {@code
 * se = sample std / sqrt(n)}; with fewer than two seeds on a side there is no spread to judge, so
 * the answer is inconclusive. The expected answer comes from the library's {@link MetricSummary}.
 * When an answer is wrong, the hint names the first typical mistake that reproduces it.
 */
public final class SeedSpreadChecker {
    private SeedSpreadChecker() {}

    /** The participant's function: metric values over seeds of the variant and of the baseline to a verdict. */
    @FunctionalInterface
    public interface SpreadJudge {
        String judge(double[] variant, double[] baseline);
    }

    static final String EXERCISE = "reading a difference over seeds";
    private static final int RANDOM_CASES = 100;

    /** A typical mistake: how it judges, and what to say when an answer matches it. */
    private record Mistake(SpreadJudge judge, String hint) {}

    private static final List<Mistake> MISTAKES = List.of(
            new Mistake((v, b) -> verdict(mean(v) - mean(b), 0),
                    "you compared the means only. With 3 seeds a small difference is often noise: the difference must be "
                            + "larger than 2 standard errors of the difference, 2*sqrt(se_v^2 + se_b^2)."),
            new Mistake((v, b) -> verdict(mean(v) - mean(b), 1 * seOfDifference(v, b, true)),
                    "you used 1 standard error; the tables use 2 (about a 95% interval)."),
            new Mistake((v, b) -> verdict(mean(b) - mean(v), 2 * seOfDifference(v, b, true)),
                    "better and worse are swapped: variant minus baseline > 0 means better for an accuracy."),
            new Mistake((v, b) -> verdict(mean(v) - mean(b), 2 * Math.hypot(std(v, true), std(b, true))),
                    "you used the standard deviation itself; the uncertainty of a MEAN is the standard error, std/sqrt(n)."),
            new Mistake((v, b) -> verdict(mean(v) - mean(b), 2 * seOfDifference(v, b, false)),
                    "you used the population standard deviation (divide by n); the sample standard deviation divides "
                            + "by n - 1."),
            new Mistake((v, b) -> verdict(mean(v) - mean(b), 2 * seOfDifference(v, b, true)),
                    "with a single seed there is no spread to judge: the answer must be \"inconclusive\", not a verdict "
                            + "from zero spread."));

    /** Runs the fixed cases, then {@value #RANDOM_CASES} seeded random ones. */
    public static CheckReport check(SpreadJudge judge) {
        List<double[][]> cases = cases();
        if (judge == null) {
            return CheckReport.notDone(EXERCISE, cases.size(), "the function is null; assign a lambda to it.");
        }
        for (int i = 0; i < cases.size(); i++) {
            double[] v = cases.get(i)[0];
            double[] b = cases.get(i)[1];
            String expected = expected(v, b);
            ParticipantCode.Call<String> got = ParticipantCode.call(() -> judge.judge(v.clone(), b.clone()));
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, cases.size(), ParticipantCode.stubHint());
            }
            String input = "variant=" + ArrayText.of(v) + ", baseline=" + ArrayText.of(b);
            if (!got.ok()) {
                return CheckReport.fail(EXERCISE, i, cases.size(), input, expected, got.problem(),
                        "the function must return \"better\", \"worse\" or \"inconclusive\" for any input.");
            }
            String received = got.value() == null ? "null" : got.value().trim().toLowerCase(java.util.Locale.ROOT);
            if (!received.equals(expected)) {
                return CheckReport.fail(EXERCISE, i, cases.size(), input, expected, String.valueOf(got.value()),
                        hint(cases.subList(0, i), v, b, received));
            }
        }
        return CheckReport.pass(EXERCISE, cases.size());
    }

    /** The verdict the study tables give, from the library's mean and standard error. */
    static String expected(double[] v, double[] b) {
        MetricSummary sv = MetricSummary.of("accuracy", Arrays.stream(v).boxed().toList());
        MetricSummary sb = MetricSummary.of("accuracy", Arrays.stream(b).boxed().toList());
        if (sv.n() < 2 || sb.n() < 2) {
            return "inconclusive";
        }
        return verdict(sv.mean() - sb.mean(), 2 * Math.hypot(sv.stderr(), sb.stderr()));
    }

    /** The hint of the first mistake that answers every passed case right and this one as received. */
    private static String hint(List<double[][]> passed, double[] v, double[] b, String received) {
        if (!List.of("better", "worse", "inconclusive").contains(received)) {
            return "answer with one of the words \"better\", \"worse\" or \"inconclusive\".";
        }
        for (Mistake m : MISTAKES) {
            boolean consistent = passed.stream().allMatch(c -> m.judge.judge(c[0], c[1]).equals(expected(c[0], c[1])));
            if (consistent && m.judge.judge(v, b).equals(received)) {
                return m.hint;
            }
        }
        return "compare the difference of the means with 2*sqrt(se_v^2 + se_b^2), se = sample std / sqrt(n).";
    }

    private static String verdict(double difference, double bound) {
        if (difference > bound) {
            return "better";
        }
        if (difference < -bound) {
            return "worse";
        }
        return "inconclusive";
    }

    private static double mean(double[] x) {
        return Arrays.stream(x).average().orElse(Double.NaN);
    }

    private static double std(double[] x, boolean sample) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double s = 0;
        for (double value : x) {
            s += (value - m) * (value - m);
        }
        return Math.sqrt(s / (sample ? x.length - 1 : x.length));
    }

    private static double seOfDifference(double[] v, double[] b, boolean sample) {
        return Math.hypot(std(v, sample) / Math.sqrt(v.length), std(b, sample) / Math.sqrt(b.length));
    }

    private static List<double[][]> cases() {
        List<double[][]> list = new ArrayList<>();
        double[] base = {0.49, 0.51, 0.47};
        // Three seeds with std 0.02 each side: se of the difference 0.0163, 2 se 0.0327; with the
        // population std 2 se is 0.0267; 2 std is 0.0566. Each case catches one mistake first.
        list.add(new double[][] {{0.50, 0.52, 0.48}, base}); // +0.01: inconclusive (means only: better)
        list.add(new double[][] {{0.51, 0.53, 0.49}, base}); // +0.02: inconclusive (1 se: better)
        list.add(new double[][] {{0.52, 0.54, 0.50}, base}); // +0.03: inconclusive (population std: better)
        list.add(new double[][] {{0.53, 0.55, 0.51}, base}); // +0.04: better (std: inconclusive; swapped: worse)
        list.add(new double[][] {{0.40, 0.41, 0.39}, {0.50, 0.51, 0.49}}); // clearly worse
        list.add(new double[][] {{0.60}, base}); // one seed: inconclusive (zero spread: better)
        Random random = new Random(7);
        for (int i = 0; i < RANDOM_CASES; i++) {
            double shift = random.nextGaussian() * 0.03;
            list.add(new double[][] {sample(random, 2 + random.nextInt(4), 0.5 + shift), sample(random, 2 + random.nextInt(4), 0.5)});
        }
        return list;
    }

    private static double[] sample(Random random, int n, double centre) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = centre + 0.02 * random.nextGaussian();
        }
        return x;
    }
}
