package org.sparsemixerlab.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsemixerlab.analysis.ProbeHistory;
import org.sparsemixerlab.analysis.Stability;

/**
 * The stability-over-training view, from a probe history: the fraction of probe tokens whose top
 * expert changed between successive kept checkpoints, and each expert's load over training. From
 * plain Java:
 * <pre>
 * display(StabilityView.figure(ProbeHistoryFile.readLab("sparse-mixer-lab"), -1));
 * </pre>
 */
public final class StabilityView {
    private StabilityView() {}

    /** Every MoE layer ({@code layer < 0}) or one. */
    public static AnalysisFigure figure(ProbeHistory history, int layer) {
        List<Stability> views = new ArrayList<>();
        for (int l : layer >= 0 ? List.of(layer) : history.layers()) {
            views.add(Stability.of(history, l));
        }
        return figure(views, history.tokenIds().length, history.source());
    }

    /** The view of computed statistics. */
    public static AnalysisFigure figure(List<Stability> views, int probeTokens, String source) {
        List<BufferedImage> panels = new ArrayList<>();
        XYChart changed = new XYChartBuilder().width(DropMapView.WIDTH).height(DropMapView.HEIGHT)
                .title("Top expert changed since the previous checkpoint").xAxisTitle("training step")
                .yAxisTitle("fraction of probe tokens").build();
        DropMapView.style(changed.getStyler());
        HtmlTable table = HtmlTable.of("layer", "from step", "to step", "top expert changed", "largest expert share at 'to'");
        boolean anyChange = false;
        for (Stability s : views) {
            long[] steps = s.steps();
            if (steps.length > 1) {
                anyChange = true;
                double[] x = new double[steps.length - 1];
                for (int i = 1; i < steps.length; i++) {
                    x[i - 1] = steps[i];
                }
                changed.addSeries("MoE layer " + s.layer(), x, s.changed()).setMarker(SeriesMarkers.CIRCLE);
            }
            for (int i = 1; i < steps.length; i++) {
                double max = 0;
                for (double v : s.loadShare()[i]) {
                    max = Math.max(max, v);
                }
                table.row(s.layer(), steps[i - 1], steps[i], SpecializationView.percent(s.changed()[i - 1]),
                        SpecializationView.percent(max));
            }
        }
        if (anyChange) {
            panels.add(BitmapEncoder.getBufferedImage(ChartStyle.apply(changed)));
        }
        for (Stability s : views) {
            XYChart load = new XYChartBuilder().width(DropMapView.WIDTH).height(DropMapView.HEIGHT)
                    .title("MoE layer " + s.layer() + ": expert load over training").xAxisTitle("training step")
                    .yAxisTitle("share of probe tokens (top expert)").build();
            DropMapView.style(load.getStyler());
            double[] x = new double[s.steps().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = s.steps()[i];
            }
            int experts = s.loadShare()[0].length;
            for (int e = 0; e < experts; e++) {
                double[] y = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    y[i] = s.loadShare()[i][e];
                }
                load.addSeries("expert " + e, x, y).setMarker(SeriesMarkers.CIRCLE);
            }
            panels.add(BitmapEncoder.getBufferedImage(ChartStyle.apply(load)));
        }
        List<String> notes = List.of(
                String.format(Locale.ROOT, "%,d fixed held-out probe tokens routed through each kept checkpoint of %s",
                        probeTokens, source),
                "changed = the token's top expert differs from the one at the previous checkpoint; expert numbers are "
                        + "the model's own, so a swap of two experts' roles counts as change");
        return new AnalysisFigure("Routing stability over training", panels, 2, notes, table);
    }
}
