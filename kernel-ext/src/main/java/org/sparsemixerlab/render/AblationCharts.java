package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsemixerlab.ablation.CurveSeries;
import org.sparsemixerlab.ablation.MetricSummary;
import org.sparsemixerlab.ablation.StudyMetrics;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.ablation.VariantSummary;

/**
 * Charts of an ablation study: quality against training speed (one point per variant, error bars
 * of one standard deviation over seeds) and a held-out metric over pre-training steps (one line per
 * variant, mean over seeds). Pure factories; render them with {@link ChartImages}.
 */
public final class AblationCharts {

    public static final int WIDTH = ChartStyle.HALF_WIDTH;
    public static final int HEIGHT = ChartStyle.HEIGHT + 40;

    private AblationCharts() {
    }

    /**
     * The metric charted by default: {@code mlm_accuracy} when reported, else the first quality
     * metric of the study, else null.
     */
    public static String defaultMetric(StudySummary s) {
        List<String> names = s.metricNames();
        if (names.contains(StudyMetrics.MLM_ACCURACY)) {
            return StudyMetrics.MLM_ACCURACY;
        }
        return names.stream().filter(StudyMetrics::isQuality).findFirst().orElse(null);
    }

    /**
     * {@code metric} (y: mean over seeds, error bar one standard deviation) against training
     * throughput (x: mean tokens/s); one series per variant that reports both, named by the variant
     * and its speed ratio to the baseline, so the legend labels the points.
     */
    public static XYChart qualityVsSpeed(StudySummary s, String metric) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT + ChartStyle.legendRoom(s.variants().size()))
                .title(metric + " vs training speed")
                .xAxisTitle("training throughput (tokens/s)").yAxisTitle(metric + " (mean \u00b1 std)")
                .build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(10);
        for (VariantSummary v : s.variants()) {
            MetricSummary q = v.metric(metric);
            MetricSummary speed = v.metric(StudyMetrics.TRAIN_TOKENS_PER_S);
            if (q == null || speed == null || q.n() == 0 || speed.n() == 0) {
                continue;
            }
            double err = Double.isNaN(q.std()) ? 0 : q.std();
            String label = v.variant() + (v.variant().equals(s.baseline()) ? " (baseline)" : "")
                    + String.format(java.util.Locale.ROOT, " %.2fx", speed.baselineRatio());
            chart.addSeries(label, new double[] {speed.mean()}, new double[] {q.mean()}, new double[] {err});
        }
        if (chart.getSeriesCollection().isEmpty()) {
            chart.setTitle(chart.getTitle() + ": no variant has both yet");
        }
        return ChartStyle.apply(chart);
    }

    /** {@code metric} over pre-training steps, one line per variant (mean over the seeds at each step). */
    public static XYChart curves(StudySummary s, String metric) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT + ChartStyle.legendRoom(s.curves(metric).size()))
                .title("held-out " + metric + " over steps")
                .xAxisTitle("pre-training step").yAxisTitle(metric + " (mean over seeds)").build();
        for (CurveSeries c : s.curves(metric)) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (CurveSeries.Point p : c.points()) {
                x.add((double) p.step());
                y.add(p.mean());
            }
            if (!x.isEmpty()) {
                chart.addSeries(c.variant(), x, y).setMarker(x.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
        }
        if (chart.getSeriesCollection().isEmpty()) {
            chart.setTitle(chart.getTitle() + ": no curve yet");
        }
        return ChartStyle.apply(chart);
    }

    /** The metric of the curves chart: {@code metric} when it has curves, else the default metric. */
    public static String curveMetric(StudySummary s, String metric) {
        if (metric != null && !s.curves(metric).isEmpty()) {
            return metric;
        }
        String fallback = defaultMetric(s);
        return fallback != null && !s.curves(fallback).isEmpty() ? fallback
                : s.curves().stream().map(CurveSeries::metric).findFirst().orElse(metric);
    }
}
