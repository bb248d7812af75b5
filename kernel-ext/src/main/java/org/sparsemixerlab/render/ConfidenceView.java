package org.sparsemixerlab.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsemixerlab.analysis.RouterConfidence;
import org.sparsemixerlab.analysis.RoutingSample;

/**
 * The router-confidence view: per MoE layer the distribution of each token's top gate and of the
 * router's entropy, with means against a uniform router. From plain Java:
 * <pre>
 * display(ConfidenceView.figure(sample, -1));
 * </pre>
 */
public final class ConfidenceView {
    private ConfidenceView() {}

    /** Every MoE layer ({@code layer < 0}) or one. */
    public static AnalysisFigure figure(RoutingSample sample, int layer) {
        List<RouterConfidence> views = new ArrayList<>();
        for (int l : layer >= 0 ? List.of(layer) : sample.layerIndices()) {
            views.add(RouterConfidence.of(sample, l));
        }
        return figure(views);
    }

    /** The view of computed statistics. */
    public static AnalysisFigure figure(List<RouterConfidence> views) {
        XYChart gate = new XYChartBuilder().width(DropMapView.WIDTH).height(DropMapView.HEIGHT)
                .title("Top gate (largest router probability)").xAxisTitle("top gate").yAxisTitle("share of tokens").build();
        XYChart entropy = new XYChartBuilder().width(DropMapView.WIDTH).height(DropMapView.HEIGHT)
                .title("Router entropy").xAxisTitle("entropy (bits)").yAxisTitle("share of tokens").build();
        DropMapView.style(gate.getStyler());
        DropMapView.style(entropy.getStyler());
        HtmlTable table = HtmlTable.of("layer", "tokens", "mean top gate", "median top gate", "uniform router (1/E)",
                "mean entropy (bits)", "max entropy log2 E");
        for (RouterConfidence c : views) {
            String name = "MoE layer " + c.layer();
            gate.addSeries(name, centres(RouterConfidence.topGateEdges(), 1.0), shares(c.topGateHistogram(), c.tokens()))
                    .setMarker(SeriesMarkers.CIRCLE);
            entropy.addSeries(name, centres(c.entropyEdges(), c.maxEntropyBits()), shares(c.entropyHistogram(), c.tokens()))
                    .setMarker(SeriesMarkers.CIRCLE);
            table.row(c.layer(), c.tokens(), LayerFlowView.fmt(c.meanTopGate()), LayerFlowView.fmt(c.medianTopGate()),
                    LayerFlowView.fmt(1.0 / c.experts()), LayerFlowView.fmt(c.meanEntropyBits()),
                    LayerFlowView.fmt(c.maxEntropyBits()));
        }
        List<BufferedImage> panels = List.of(BitmapEncoder.getBufferedImage(ChartStyle.apply(gate)), BitmapEncoder.getBufferedImage(ChartStyle.apply(entropy)));
        List<String> notes = List.of(
                "a top gate of 1/E (entropy log2 E) is a router that cannot tell experts apart; 1 (entropy 0) is certain",
                String.format(Locale.ROOT, "histograms of %d bins; the gate is also the combine weight of a kept token "
                        + "under top-1 routing", RouterConfidence.BINS));
        return new AnalysisFigure("Router confidence", panels, 2, notes, table);
    }

    private static double[] centres(double[] lower, double max) {
        double[] c = new double[lower.length];
        double w = max / lower.length;
        for (int i = 0; i < c.length; i++) {
            c[i] = lower[i] + w / 2;
        }
        return c;
    }

    private static double[] shares(long[] counts, long n) {
        double[] s = new double[counts.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = n == 0 ? 0 : (double) counts[i] / n;
        }
        return s;
    }
}
