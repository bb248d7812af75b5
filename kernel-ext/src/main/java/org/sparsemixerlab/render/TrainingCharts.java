package org.sparsemixerlab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.StepMetrics;

/**
 * Loss and accuracy curves of a training run: the per-step training metrics (optionally smoothed by
 * a trailing mean) and, beside them, the run's held-out evaluations as dashed lines with markers;
 * earlier runs can be overlaid (dotted, in their own colours). Loss can be drawn on a log scale.
 */
public final class TrainingCharts {

    public static final int WIDTH = ChartStyle.HALF_WIDTH;
    public static final int HEIGHT = ChartStyle.HEIGHT;
    private static final BasicStroke HELD_OUT = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    private static final BasicStroke OTHER_RUN = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {2f, 4f}, 0f);

    private TrainingCharts() {
    }

    /**
     * The metrics of one run to draw.
     *
     * @param label name in the legend when runs are overlaid
     * @param steps per-step training metrics in step order
     * @param evals held-out evaluations in step order (may be empty)
     */
    public record Curves(String label, List<StepMetrics> steps, List<EvalMetrics> evals) {
        public Curves {
            steps = List.copyOf(steps);
            evals = List.copyOf(evals);
        }
    }

    /**
     * How the curves are drawn.
     *
     * @param smooth trailing-mean window over training steps (1: the raw per-step values)
     * @param log loss on a logarithmic y axis
     * @param compare earlier runs overlaid on both charts
     */
    public record Options(int smooth, boolean log, List<Curves> compare) {
        public static final Options DEFAULT = new Options(1, false, List.of());

        public Options {
            if (smooth < 1) {
                throw new IllegalArgumentException("the smoothing window is a number of steps >= 1, got " + smooth);
            }
            compare = List.copyOf(compare);
        }
    }

    /** The minimised loss and, when reported, the MLM loss, per step. */
    public static XYChart loss(List<StepMetrics> steps) {
        return loss(new Curves("", steps, List.of()), Options.DEFAULT);
    }

    /** Accuracy metrics per step: MLM and NSP accuracy for pre-training, {@code accuracy} otherwise. */
    public static XYChart accuracy(List<StepMetrics> steps) {
        return accuracy(new Curves("", steps, List.of()), Options.DEFAULT);
    }

    /** Training and held-out loss of {@code run}, plus the runs of {@code o.compare()}. */
    public static XYChart loss(Curves run, Options o) {
        boolean log = o.log() && allPositive(run, o);
        String title = title("Loss", run.steps(), "loss") + (o.log() && !log ? " (log scale off: a value <= 0)" : "");
        XYChart chart = build(title, "loss (nats" + (log ? ", log scale)" : ")"), 4 + 2 * o.compare().size());
        chart.getStyler().setYAxisLogarithmic(log);
        String suffix = o.smooth() > 1 ? " (mean " + o.smooth() + ")" : "";
        addSteps(chart, "train loss" + suffix, run.steps(), StepMetrics::loss, o.smooth(), 0);
        addSteps(chart, "train MLM loss" + suffix, run.steps(), s -> s.value("mlm_loss"), o.smooth(), 1);
        addEvals(chart, "held-out loss", run.evals(), "loss", 0);
        addEvals(chart, "held-out MLM loss", run.evals(), "mlm_loss", 1);
        compare(chart, o, StepMetrics::loss, "loss");
        return finish(chart);
    }

    /** Training and held-out accuracies of {@code run}, plus the runs of {@code o.compare()}. */
    public static XYChart accuracy(Curves run, Options o) {
        XYChart chart = build(title("Accuracy", run.steps(), "mlm_accuracy"), "accuracy", 4 + 2 * o.compare().size());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        String suffix = o.smooth() > 1 ? " (mean " + o.smooth() + ")" : "";
        addSteps(chart, "train MLM accuracy" + suffix, run.steps(), s -> s.value("mlm_accuracy"), o.smooth(), 2);
        addSteps(chart, "train NSP accuracy" + suffix, run.steps(), s -> s.value("nsp_accuracy"), o.smooth(), 3);
        addSteps(chart, "train accuracy" + suffix, run.steps(), s -> s.value("accuracy"), o.smooth(), 2);
        addEvals(chart, "held-out MLM accuracy", run.evals(), "mlm_accuracy", 2);
        addEvals(chart, "held-out NSP accuracy", run.evals(), "nsp_accuracy", 3);
        addEvals(chart, "held-out accuracy", run.evals(), "accuracy", 2);
        String main = run.steps().stream().anyMatch(s -> Double.isFinite(s.value("mlm_accuracy"))) ? "mlm_accuracy"
                : "accuracy";
        compare(chart, o, s -> s.value(main), main);
        if (chart.getSeriesCollection().isEmpty()) {
            chart.addSeries("no accuracy yet", new double[] {0}, new double[] {0});
        }
        return finish(chart);
    }

    /**
     * Trailing mean: {@code out[i]} is the mean of {@code y[max(0, i - window + 1)..i]} (the first
     * points average what there is so far).
     */
    public static double[] trailingMean(double[] y, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        double[] out = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += y[i];
            if (i >= window) {
                sum -= y[i - window];
            }
            out[i] = sum / Math.min(i + 1, window);
        }
        return out;
    }

    private static XYChart build(String title, String yTitle, int legendEntries) {
        int height = HEIGHT + ChartStyle.legendRoom(legendEntries);
        return new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle("training step")
                .yAxisTitle(yTitle).build();
    }

    /** The style; the colours set per metric (train and held-out alike) stay over the palette's order. */
    private static XYChart finish(XYChart chart) {
        return ChartStyle.apply(chart);
    }

    private static void compare(XYChart chart, Options o, ToDoubleFunction<StepMetrics> metric, String evalMetric) {
        for (int i = 0; i < o.compare().size(); i++) {
            Curves c = o.compare().get(i);
            Color color = ChartStyle.PALETTE.get(4 + i % (ChartStyle.PALETTE.size() - 4));
            XYSeries s = addSteps(chart, c.label() + ": train" + (o.smooth() > 1 ? " (mean " + o.smooth() + ")" : ""),
                    c.steps(), metric, o.smooth(), -1);
            if (s != null) {
                s.setLineColor(color).setLineStyle(OTHER_RUN);
                s.setMarkerColor(color);
            }
            XYSeries e = addEvals(chart, c.label() + ": held-out", c.evals(), evalMetric, -1);
            if (e != null) {
                e.setLineColor(color).setLineStyle(HELD_OUT);
                e.setMarkerColor(color);
            }
        }
    }

    private static XYSeries addSteps(XYChart chart, String name, List<StepMetrics> steps,
            ToDoubleFunction<StepMetrics> metric, int smooth, int colour) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (StepMetrics s : steps) {
            double v = metric.applyAsDouble(s);
            if (Double.isFinite(v)) {
                x.add((double) s.step());
                y.add(v);
            }
        }
        if (x.isEmpty() || chart.getSeries(name) != null) {
            return null;
        }
        double[] ys = trailingMean(y.stream().mapToDouble(Double::doubleValue).toArray(), smooth);
        XYSeries s = chart.addSeries(name, x.stream().mapToDouble(Double::doubleValue).toArray(), ys);
        s.setMarker(x.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        if (colour >= 0) {
            s.setLineColor(ChartStyle.PALETTE.get(colour));
            s.setMarkerColor(ChartStyle.PALETTE.get(colour));
        }
        return s;
    }

    private static XYSeries addEvals(XYChart chart, String name, List<EvalMetrics> evals, String metric, int colour) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EvalMetrics e : evals) {
            double v = e.value(metric);
            if (Double.isFinite(v)) {
                x.add((double) e.step());
                y.add(v);
            }
        }
        if (x.isEmpty() || chart.getSeries(name) != null) {
            return null;
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE).setLineStyle(HELD_OUT);
        if (colour >= 0) {
            s.setLineColor(ChartStyle.PALETTE.get(colour));
            s.setMarkerColor(ChartStyle.PALETTE.get(colour));
        }
        return s;
    }

    private static boolean allPositive(Curves run, Options o) {
        List<Curves> all = new ArrayList<>(o.compare());
        all.add(run);
        for (Curves c : all) {
            for (StepMetrics s : c.steps()) {
                if (Double.isFinite(s.loss()) && s.loss() <= 0) {
                    return false;
                }
            }
            for (EvalMetrics e : c.evals()) {
                if (Double.isFinite(e.value("loss")) && e.value("loss") <= 0) {
                    return false;
                }
            }
        }
        return true;
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
