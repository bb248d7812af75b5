package org.sparsemixerlab.ablation;

import java.util.List;

/**
 * One metric of one variant over its seeds.
 *
 * @param metric the metric name
 * @param n number of rows that reported it
 * @param mean mean over the rows; NaN when n = 0
 * @param std sample standard deviation (divisor n - 1); NaN when n &lt; 2
 * @param stderr standard error of the mean, std / sqrt(n); NaN when n &lt; 2
 * @param baselineRatio for speed metrics, mean / baseline mean (1.0 for the baseline); else NaN
 * @param baselineDifference for quality metrics, mean - baseline mean (0.0 for the baseline);
 *     else NaN. When variant and baseline share at least two seeds it is the mean of the per-seed
 *     differences over the shared seeds (see {@link #pairedWith})
 * @param differenceStderr standard error of {@code baselineDifference} from the per-seed
 *     differences (paired by seed), or NaN when fewer than two seeds are shared
 */
public record MetricSummary(String metric, int n, double mean, double std, double stderr, double baselineRatio,
        double baselineDifference, double differenceStderr) {

    /** Mean, sample std and standard error of {@code values}, without baseline comparison. */
    public static MetricSummary of(String metric, List<Double> values) {
        int n = values.size();
        double mean = Double.NaN;
        double std = Double.NaN;
        if (n > 0) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            mean = sum / n;
        }
        if (n > 1) {
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            std = Math.sqrt(squares / (n - 1));
        }
        return new MetricSummary(metric, n, mean, std, n > 1 ? std / Math.sqrt(n) : Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /** This summary with the comparison to {@code baseline} filled in by the metric's kind. */
    public MetricSummary comparedWith(MetricSummary baseline) {
        if (baseline == null) {
            return this;
        }
        double ratio = StudyMetrics.isSpeed(metric) ? mean / baseline.mean : Double.NaN;
        double diff = StudyMetrics.isQuality(metric) ? mean - baseline.mean : Double.NaN;
        return new MetricSummary(metric, n, mean, std, stderr, ratio, diff, Double.NaN);
    }

    /**
     * This quality summary with the difference to the baseline taken seed by seed. Rows of the same
     * seed share the masking of the held-out text, the data order and the initialisation seed, so
     * most of the seed-to-seed spread cancels in the per-seed difference; its standard error is the
     * honest yardstick for "is the variant different". Unchanged when fewer than two seeds are shared
     * or the metric is not a quality metric.
     *
     * @param variantBySeed this variant's values by seed
     * @param baselineBySeed the baseline's values by seed
     */
    public MetricSummary pairedWith(java.util.Map<Integer, Double> variantBySeed,
            java.util.Map<Integer, Double> baselineBySeed) {
        if (!StudyMetrics.isQuality(metric)) {
            return this;
        }
        List<Double> diffs = new java.util.ArrayList<>();
        variantBySeed.forEach((seed, v) -> {
            Double b = baselineBySeed.get(seed);
            if (b != null) {
                diffs.add(v - b);
            }
        });
        if (diffs.size() < 2) {
            return this;
        }
        MetricSummary d = of(metric, diffs);
        return new MetricSummary(metric, n, mean, std, stderr, baselineRatio, d.mean(), d.stderr());
    }
}
