package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.moe.Routings;
import org.sparsemixerlab.train.StepMetrics;

/**
 * Expert utilization charts: tokens per expert against the fair share for every MoE layer of a
 * traced batch, and routing diagnostics over a training run. An expert that receives no token
 * (collapse) is named in the chart title and by {@link #collapseWarnings}.
 */
public final class ExpertUtilizationCharts {

    public static final int WIDTH = ChartStyle.PAGE_WIDTH;
    public static final int HEIGHT = 400;

    private ExpertUtilizationCharts() {
    }

    /** Kept pairings per expert of one recorded layer, summed over groups {@code [E]}. */
    public static int[] tokensPerExpert(RoutingTrace.Layer layer) {
        int[] out = new int[layer.experts()];
        for (int[] group : layer.expertLoad()) {
            for (int e = 0; e < out.length; e++) {
                out[e] += group[e];
            }
        }
        return out;
    }

    /**
     * The load an expert gets when routing is perfectly even: routed tokens times the experts that
     * process a token under the layer's routing ({@code Routing.expertsPerToken}: k for
     * tokens-choose, the capacity factor for experts-choose, whose E experts fill cf * T slots per
     * group), divided by the number of experts.
     */
    public static double fairShare(RoutingTrace.Layer layer) {
        double perToken = Routings.get(layer.algorithm()).expertsPerToken(layer.spec());
        return layer.batch() * layer.seq() * perToken / layer.experts();
    }

    /** One sentence per expert that received no token, e.g. {@code layer 1: expert 3 never fires}. */
    public static List<String> collapseWarnings(RoutingTrace trace) {
        List<String> out = new ArrayList<>();
        for (RoutingTrace.Layer layer : trace.layers()) {
            int[] n = tokensPerExpert(layer);
            for (int e = 0; e < n.length; e++) {
                if (n[e] == 0) {
                    out.add("layer " + layer.layerIndex() + ": expert " + e + " never fires (collapse)");
                }
            }
        }
        return out;
    }

    /**
     * Bar chart of tokens per expert, one series per recorded layer, plus the fair share as a line.
     * The legend carries each layer's fraction left behind, router confidence, aux and z loss.
     */
    public static CategoryChart tokensPerExpert(RoutingTrace trace) {
        if (trace.layers().isEmpty()) {
            throw new IllegalArgumentException("the trace has no MoE layer; run a forward pass of an MoE model with "
                    + "the trace in its params first");
        }
        List<String> collapse = collapseWarnings(trace);
        String title = "Tokens per expert"
                + (collapse.isEmpty() ? " (no collapsed expert)" : ": " + String.join("; ", collapse));
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("expert").yAxisTitle("kept token-expert pairings").build();
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        int experts = trace.layers().get(0).experts();
        List<String> names = new ArrayList<>();
        for (int e = 0; e < experts; e++) {
            names.add("expert " + e);
        }
        double fair = 0;
        for (RoutingTrace.Layer layer : trace.layers()) {
            RoutingMetrics m = layer.metrics();
            List<Integer> n = new ArrayList<>();
            for (int v : tokensPerExpert(layer)) {
                n.add(v);
            }
            chart.addSeries(String.format(Locale.ROOT, "layer %d: %.0f%% left, conf. %.2f, aux %.3f, z %.2f",
                    layer.layerIndex(), 100 * m.fractionLeftBehind(), m.routerConfidence(), m.auxLoss(), m.zLoss()),
                    names, n);
            fair = Math.max(fair, fairShare(layer));
        }
        List<Double> fairLine = new ArrayList<>();
        for (int e = 0; e < experts; e++) {
            fairLine.add(fair);
        }
        chart.addSeries(String.format(Locale.ROOT, "fair share (tokens x k / experts = %.1f)", fair), names, fairLine)
                .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        return ChartStyle.apply(chart);
    }

    /**
     * Fraction of tokens left behind and router confidence of every MoE layer over a training run.
     *
     * @param steps per-step metrics in step order (see {@code StepMetrics.moeLayers()})
     */
    public static XYChart overTraining(List<StepMetrics> steps) {
        XYChart chart = new XYChartBuilder().width(ChartStyle.HALF_WIDTH).height(ChartStyle.HEIGHT)
                .title(trainingTitle(steps))
                .xAxisTitle("training step").yAxisTitle("fraction of tokens or weight").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        int layers = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).moeLayers().size();
        for (int l = 0; l < layers; l++) {
            List<Double> x = new ArrayList<>();
            List<Double> left = new ArrayList<>();
            List<Double> conf = new ArrayList<>();
            for (StepMetrics s : steps) {
                if (s.moeLayers().size() > l) {
                    x.add((double) s.step());
                    left.add(s.moeLayers().get(l).fractionLeftBehind());
                    conf.add(s.moeLayers().get(l).routerConfidence());
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries("MoE #" + (l + 1) + " left behind", x, left).setMarker(
                        org.knowm.xchart.style.markers.SeriesMarkers.NONE);
                chart.addSeries("MoE #" + (l + 1) + " confidence", x, conf).setMarker(
                        org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            }
        }
        if (layers == 0) {
            chart.addSeries("no MoE layer", new double[] {0}, new double[] {0});
        }
        return ChartStyle.apply(chart);
    }

    private static String trainingTitle(List<StepMetrics> steps) {
        if (steps.isEmpty()) {
            return "Routing (no steps yet)";
        }
        RoutingMetrics m = steps.get(steps.size() - 1).moeSummary();
        return String.format(Locale.ROOT, "Routing (step %d: aux %.3g, z %.3g, weighted)",
                steps.get(steps.size() - 1).step(), m.auxLoss(), m.zLoss());
    }

    static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 14));
        styler.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
    }
}
