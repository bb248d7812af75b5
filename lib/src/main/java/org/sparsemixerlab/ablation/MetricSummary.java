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
 *     else NaN
 */
public record MetricSummary(String metric, int n, double mean, double std, double stderr, double baselineRatio,
        double baselineDifference) {

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
                Double.NaN);
    }

    /** This summary with the comparison to {@code baseline} filled in by the metric's kind. */
    public MetricSummary comparedWith(MetricSummary baseline) {
        if (baseline == null) {
            return this;
        }
        double ratio = StudyMetrics.isSpeed(metric) ? mean / baseline.mean : Double.NaN;
        double diff = StudyMetrics.isQuality(metric) ? mean - baseline.mean : Double.NaN;
        return new MetricSummary(metric, n, mean, std, stderr, ratio, diff);
    }
}
