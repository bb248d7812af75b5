package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsemixerlab.train.StepMetrics;

/** Loss and accuracy curves of a training run from its per-step metrics. */
public final class TrainingCharts {

    public static final int WIDTH = 560;
    public static final int HEIGHT = 380;

    private TrainingCharts() {
    }

    /** The minimised loss and, when reported, the MLM loss, per step. */
    public static XYChart loss(List<StepMetrics> steps) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title("Training loss", steps, "loss"))
                .xAxisTitle("training step").yAxisTitle("loss (nats)").build();
        ExpertUtilizationCharts.style(chart.getStyler());
        add(chart, "total loss", steps, null);
        add(chart, "MLM loss", steps, "mlm_loss");
        return chart;
    }

    /** Accuracy metrics per step: MLM and NSP accuracy for pre-training, {@code accuracy} otherwise. */
    public static XYChart accuracy(List<StepMetrics> steps) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title("Training accuracy", steps, "mlm_accuracy"))
                .xAxisTitle("training step").yAxisTitle("accuracy on the step's batch").build();
        ExpertUtilizationCharts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        add(chart, "MLM accuracy", steps, "mlm_accuracy");
        add(chart, "NSP accuracy", steps, "nsp_accuracy");
        add(chart, "accuracy", steps, "accuracy");
        if (chart.getSeriesCollection().isEmpty()) {
            chart.addSeries("no accuracy yet", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    private static void add(XYChart chart, String name, List<StepMetrics> steps, String metric) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (StepMetrics s : steps) {
            double v = metric == null ? s.loss() : s.value(metric);
            if (Double.isFinite(v)) {
                x.add((double) s.step());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(name, x, y).setMarker(x.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
    }

    private static String title(String what, List<StepMetrics> steps, String metric) {
        if (steps.isEmpty()) {
            return what + " (no steps yet)";
        }
        StepMetrics last = steps.get(steps.size() - 1);
        double v = metric.equals("loss") ? last.loss() : last.value(metric);
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%s (step %d: %.3f)", what, last.step(), v)
                : String.format(Locale.ROOT, "%s (step %d)", what, last.step());
    }
}
