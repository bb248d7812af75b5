package org.sparsemixerlab.ablation;

import java.util.Locale;

/**
 * What the paper says about a variant, shown next to its row, with an optional machine-checkable
 * expectation.
 *
 * @param text the claim in words, e.g. "Sparse Mixer trains 65% faster than BERT at equal quality"
 * @param source where the paper says it, e.g. "Table 2"
 * @param expectation how to check it against the measured rows, or null for display only
 */
public record PaperClaim(String text, String source, Expectation expectation) {

    /** The checkable forms of a claim. */
    public enum Kind {
        /** The variant's quality metric is at least the baseline's minus {@code threshold} (a margin). */
        QUALITY_NOT_WORSE,
        /** The variant's quality metric is worse than the baseline's. */
        QUALITY_WORSE,
        /** The variant's quality metric is better than the baseline's. */
        QUALITY_BETTER,
        /** The variant's speed metric divided by the baseline's is at least {@code threshold}. */
        SPEED_RATIO_AT_LEAST
    }

    /**
     * A checkable expectation. "Better" follows the metric: higher accuracy, lower loss.
     *
     * @param kind the form of the claim
     * @param metric the metric it is about, e.g. {@code mlm_accuracy}, {@code train_tokens_per_s}
     * @param threshold the margin of QUALITY_NOT_WORSE (0 = not worse at all), the ratio of
     *     SPEED_RATIO_AT_LEAST; unused otherwise
     */
    public record Expectation(Kind kind, String metric, double threshold) {}

    /**
     * Checks the claim with two-standard-error intervals: the difference (or ratio) must clear the
     * claim's boundary by two standard errors to agree, and miss it by two standard errors to
     * disagree; an interval across the boundary covers both readings of the claim and is {@link
     * ClaimVerdict#CANNOT_TELL_APART}; fewer than two seeds on either side is inconclusive. "Not
     * worse" never agrees on an interval that covers 0: such runs cannot tell "as good" from
     * "slightly worse", however small the margin makes the shortfall (see {@link #notWorse}). Quality
     * differences use the per-seed (paired) standard error when the variant's summary carries one
     * ({@link MetricSummary#pairedWith}), else the unpaired {@code sqrt(se_v^2 + se_b^2)}.
     *
     * @param variant the variant's summary of {@code expectation.metric}, or null if not measured
     * @param baseline the baseline's summary of the same metric, or null if not measured
     */
    public ClaimCheck check(MetricSummary variant, MetricSummary baseline) {
        if (expectation == null) {
            return ClaimCheck.inconclusive("the claim has no checkable expectation");
        }
        String metric = expectation.metric();
        if (variant == null || baseline == null || variant.n() == 0 || baseline.n() == 0) {
            return ClaimCheck.inconclusive(metric + " is not measured for both the variant and the baseline");
        }
        if (variant.n() < 2 || baseline.n() < 2) {
            return ClaimCheck.inconclusive(String.format(Locale.ROOT,
                    "%s needs at least 2 seeds on each side for a standard error (variant n=%d, baseline n=%d)",
                    metric, variant.n(), baseline.n()));
        }
        if (expectation.kind() == Kind.SPEED_RATIO_AT_LEAST) {
            double ratio = variant.mean() / baseline.mean();
            double se = Math.abs(ratio) * Math.hypot(variant.stderr() / variant.mean(),
                    baseline.stderr() / baseline.mean());
            return bounded(ratio - expectation.threshold(), se,
                    String.format(Locale.ROOT, "%s ratio %.3fx +/- %.3f (2 se) vs claimed >= %.2fx", metric, ratio,
                            2 * se, expectation.threshold()));
        }
        double sign = StudyMetrics.higherIsBetter(metric) ? 1 : -1;
        boolean paired = Double.isFinite(variant.differenceStderr());
        double difference = paired ? variant.baselineDifference() : variant.mean() - baseline.mean();
        double better = sign * difference;
        double se = paired ? variant.differenceStderr() : Math.hypot(variant.stderr(), baseline.stderr());
        String numbers = String.format(Locale.ROOT, "%s difference %+.4f +/- %.4f (2 se, %s)", metric, difference,
                2 * se, paired ? "paired by seed" : "unpaired");
        return switch (expectation.kind()) {
            case QUALITY_NOT_WORSE -> notWorse(better, se, expectation.threshold(),
                    numbers + String.format(Locale.ROOT, " vs claimed not worse (margin %.4f)", expectation.threshold()));
            case QUALITY_BETTER -> bounded(better, se, numbers + " vs claimed better");
            case QUALITY_WORSE -> bounded(-better, se, numbers + " vs claimed worse");
            case SPEED_RATIO_AT_LEAST -> throw new AssertionError("handled above");
        };
    }

    /** AGREES when {@code margin} exceeds 2 se, DISAGREES when it is below -2 se, else CANNOT_TELL_APART. */
    private static ClaimCheck bounded(double margin, double se, String numbers) {
        if (margin - 2 * se > 0) {
            return new ClaimCheck(ClaimVerdict.AGREES, numbers);
        }
        if (margin + 2 * se < 0) {
            return new ClaimCheck(ClaimVerdict.DISAGREES, numbers);
        }
        return new ClaimCheck(ClaimVerdict.CANNOT_TELL_APART, numbers
                + ": the interval (2 standard errors) covers the claim's boundary, so it holds or not within the noise");
    }

    /**
     * "Not worse" with a margin: DISAGREES when worse by more than the margin beyond 2 se; AGREES
     * when better beyond 2 se, or worse beyond 2 se but by less than the margin (the reason says
     * which); CANNOT_TELL_APART when the interval covers 0 ("as good" and "worse" both fit) or the
     * margin's boundary.
     */
    static ClaimCheck notWorse(double better, double se, double margin, String numbers) {
        double lo = better - 2 * se;
        double hi = better + 2 * se;
        if (hi < -margin) {
            return new ClaimCheck(ClaimVerdict.DISAGREES, numbers);
        }
        if (lo > 0) {
            return new ClaimCheck(ClaimVerdict.AGREES, numbers + ": better beyond 2 standard errors");
        }
        String range = String.format(Locale.ROOT, "the interval [%+.4f, %+.4f] (better > 0)", lo, hi);
        if (hi < 0 && lo > -margin) {
            return new ClaimCheck(ClaimVerdict.AGREES, numbers + ": " + range
                    + " is worse, by less than the margin");
        }
        return new ClaimCheck(ClaimVerdict.CANNOT_TELL_APART, numbers + ": " + range
                + (lo > -margin ? " covers both 'as good' and 'slightly worse' (any shortfall under the margin)"
                        : hi >= 0 ? (margin > 0 ? " covers both 'as good' and 'worse by more than the margin'"
                                : " covers both 'as good' and 'worse'")
                                : " covers both 'worse by less than the margin' and 'worse by more than the margin'"));
    }
}
