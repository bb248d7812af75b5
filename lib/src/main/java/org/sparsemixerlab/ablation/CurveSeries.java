package org.sparsemixerlab.ablation;

import java.util.List;

/**
 * A held-out metric over pre-training steps for one variant, averaged over seeds: one line of a
 * "curves over steps" chart. Immutable.
 *
 * @param variant the variant's name
 * @param metric the metric, e.g. {@code mlm_accuracy}
 * @param points one point per evaluated step, ascending
 */
public record CurveSeries(String variant, String metric, List<Point> points) {

    /**
     * The seeds' values at one step.
     *
     * @param step updates applied
     * @param mean mean over the seeds evaluated at this step
     * @param std sample standard deviation (NaN for one seed)
     * @param n seeds evaluated at this step
     */
    public record Point(long step, double mean, double std, int n) {}

    public CurveSeries {
        points = List.copyOf(points);
    }
}
