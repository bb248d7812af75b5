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

    /** The recorded layers {@code %experts --layer} shows: every layer when {@code layer < 0}, else that one. */
    public static List<RoutingTrace.Layer> shownLayers(RoutingTrace trace, int layer) {
        List<RoutingTrace.Layer> out = new ArrayList<>();
        for (RoutingTrace.Layer l : trace.layers()) {
            if (layer < 0 || l.layerIndex() == layer) {
                out.add(l);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no MoE layer " + layer + " in this trace; recorded layers: "
                    + trace.layers().stream().map(RoutingTrace.Layer::layerIndex).toList());
        }
        return out;
    }

    /**
     * One bar chart per shown layer ({@link #shownLayers}), for the first traced example: kept
     * pairings of real tokens and of padding per expert (apart), the router's own first choice per
     * expert (the expert of highest router probability of every real token, which under
     * experts-choose can collapse while every expert's slots stay full), the capacity (C slots per
     * group times the groups) as a line, and under tokens-choose the fair share of the real tokens
     * (real tokens x k / E) as a second line.
     */
    public static List<CategoryChart> perLayer(RoutingTrace trace, int layer) {
        List<CategoryChart> out = new ArrayList<>();
        for (RoutingTrace.Layer l : shownLayers(trace, layer)) {
            out.add(layerChart(trace, l));
        }
        return out;
    }

    /** Width of one chart of {@link #perLayer}, so that two fit side by side in a notebook page. */
    public static final int PANEL_WIDTH = 480;

    private static CategoryChart layerChart(RoutingTrace trace, RoutingTrace.Layer layer) {
        RoutingAccount account = RoutingAccount.of(trace, layer, 0);
        int[] real = new int[layer.experts()];
        int[] pad = new int[layer.experts()];
        for (org.sparsemixerlab.moe.Assignment a : layer.assignments()) {
            int flat = a.group() * layer.tokensPerGroup() + a.token();
            if (a.dropped() || flat / layer.seq() != 0) {
                continue;
            }
            if (trace.isReal(0, flat % layer.seq())) {
                real[a.expert()]++;
            } else {
                pad[a.expert()]++;
            }
        }
        String title = String.format(Locale.ROOT, "layer %d: %s", layer.layerIndex(),
                RoutingSetting.of(layer.spec()).label());
        CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("expert (" + account.leftBehindText() + ")").yAxisTitle("token-expert pairings").build();
        style(chart.getStyler());
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        List<String> names = new ArrayList<>();
        for (int e = 0; e < layer.experts(); e++) {
            names.add(String.valueOf(e));
        }
        chart.addSeries("kept: real tokens", names, ints(real));
        if (account.padding() > 0 && !account.paddingExcluded()) {
            chart.addSeries("kept: [PAD] (" + account.paddingSlots() + " of " + account.slots() + " slots)", names,
                    ints(pad));
        }
        if (Double.isFinite(account.confidence())) {
            chart.addSeries("router's first choice (real tokens)", names, ints(account.firstChoice()));
        }
        int slots = layer.capacity() * groupsOf(layer, 0);
        chart.addSeries(String.format(Locale.ROOT, "capacity (C %d x %d group%s = %d)", layer.capacity(),
                groupsOf(layer, 0), groupsOf(layer, 0) == 1 ? "" : "s", slots), names, constant(slots, names.size()))
                .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        if (!layer.algorithm().equals(org.sparsemixerlab.config.RoutingAlgorithm.EXPERTS_CHOOSE)) {
            double fair = account.realTokens() * Routings.get(layer.algorithm()).expertsPerToken(layer.spec())
                    / layer.experts();
            chart.addSeries(String.format(Locale.ROOT, "fair share of real tokens (%d x k / %d = %.1f)",
                    account.realTokens(), layer.experts(), fair), names, constant(fair, names.size()))
                    .setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        }
        return chart;
    }

    /** The lines {@code %experts} prints under a layer's chart: left behind, padding, preference, confidence. */
    public static List<String> layerNotes(RoutingTrace trace, RoutingTrace.Layer layer) {
        RoutingAccount a = RoutingAccount.of(trace, layer, 0);
        List<String> out = new ArrayList<>();
        out.add("layer " + layer.layerIndex() + ": " + a.leftBehindText()
                + (a.padding() > 0 ? "; " + a.paddingText() : ""));
        for (String s : List.of(a.firstChoiceText(), a.confidenceText())) {
            if (!s.isEmpty()) {
                out.add("layer " + layer.layerIndex() + ": " + s);
            }
        }
        return out;
    }

    private static int groupsOf(RoutingTrace.Layer layer, int example) {
        int first = example * layer.seq() / layer.tokensPerGroup();
        int last = ((example + 1) * layer.seq() - 1) / layer.tokensPerGroup();
        return last - first + 1;
    }

    private static List<Integer> ints(int[] v) {
        List<Integer> out = new ArrayList<>();
        for (int x : v) {
            out.add(x);
        }
        return out;
    }

    private static List<Double> constant(double v, int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(v);
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
            RoutingAccount account = RoutingAccount.of(trace, layer, -1);
            chart.addSeries(String.format(Locale.ROOT, "layer %d: %d of %d real tokens left, conf. %.2f, aux %.3f, z %.2f",
                    layer.layerIndex(), account.realLeftBehind(), account.realTokens(), m.routerConfidence(),
                    m.auxLoss(), m.zLoss()), names, n);
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
