package org.sparsemixerlab.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sparsemixerlab.analysis.DropMap;
import org.sparsemixerlab.analysis.RoutingSample;
import org.sparsemixerlab.analysis.TokenClass;
import org.sparsemixerlab.analysis.TokenClasses;

/**
 * The position-and-capacity view: per MoE layer, the fraction of tokens left behind by sequence
 * position and by token class, under the model's capacity factor and under another one (the same
 * router logits re-routed). From plain Java:
 * <pre>
 * display(DropMapView.figure(sample, TokenClasses.of(tokenizer), -1, 0.5));
 * </pre>
 */
public final class DropMapView {
    static final int WIDTH = ChartStyle.HALF_WIDTH;
    static final int HEIGHT = ChartStyle.HEIGHT;

    private DropMapView() {}

    /** Every MoE layer ({@code layer < 0}) or one, at the sample's capacity factor and at {@code otherFactor}. */
    public static AnalysisFigure figure(RoutingSample sample, TokenClasses classes, int layer, double otherFactor) {
        RoutingSample other = sample.rerouted(otherFactor);
        List<DropMap[]> pairs = new ArrayList<>();
        for (int l : layer >= 0 ? List.of(layer) : sample.layerIndices()) {
            pairs.add(new DropMap[] {DropMap.of(sample, l, classes), DropMap.of(other, l, classes)});
        }
        return figure(pairs, sample.tokens());
    }

    /** The view of computed maps: each entry holds the maps of one layer under the capacity factors to compare. */
    public static AnalysisFigure figure(List<DropMap[]> layers, long tokens) {
        List<BufferedImage> panels = new ArrayList<>();
        HtmlTable table = HtmlTable.of("layer", "routing", "capacity factor", "left behind", "worst class",
                "positions 0-7", "last 8 positions", "padding's share of kept pairings");
        String[] classNames = Arrays.stream(TokenClass.values()).map(TokenClass::label).toArray(String[]::new);
        for (DropMap[] maps : layers) {
            XYChart byPos = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("MoE layer " + maps[0].layer() + ": left behind by position").xAxisTitle("position in the sequence")
                    .yAxisTitle("fraction left behind").build();
            CategoryChart byClass = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                    .title("MoE layer " + maps[0].layer() + ": left behind by token class").yAxisTitle("fraction left behind")
                    .build();
            style(byPos.getStyler());
            style(byClass.getStyler());
            for (DropMap m : maps) {
                String name = String.format(Locale.ROOT, "capacity factor %.2f", m.capacityFactor());
                double[] f = m.byPosition();
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int p = 0; p < f.length; p++) {
                    if (m.positionTokens()[p] > 0) {
                        xs.add((double) p);
                        ys.add(f[p]);
                    }
                }
                if (!xs.isEmpty()) {
                    byPos.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
                }
                List<String> present = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                double[] c = m.byClass();
                for (int k = 0; k < c.length; k++) {
                    if (m.classTokens()[k] > 0) {
                        present.add(SpecializationView.SHORT[k]); // full names crowd a half-width chart
                        values.add(c[k]);
                    }
                }
                byClass.addSeries(name, present, values);
                table.row(m.layer(), m.algorithm().toLowerCase(Locale.ROOT).replace('_', '-'),
                        String.format(Locale.ROOT, "%.2f", m.capacityFactor()), SpecializationView.percent(m.fraction()),
                        worstClass(m, classNames), SpecializationView.percent(range(m, 0, 8)),
                        SpecializationView.percent(range(m, m.positionTokens().length - 8, m.positionTokens().length)),
                        SpecializationView.percent(m.paddingShare()));
            }
            panels.add(BitmapEncoder.getBufferedImage(ChartStyle.apply(byPos)));
            ChartStyle.apply(byClass);
            // XChart hides every other category label below ~74 px per category; these six fit.
            byClass.getStyler().setXAxisTickMarkSpacingHint(40);
            panels.add(BitmapEncoder.getBufferedImage(byClass));
        }
        List<String> notes = List.of(
                String.format(Locale.ROOT, "%,d held-out tokens; left behind = no expert processed the token, only the "
                        + "residual carries it on", tokens),
                "the second capacity factor re-routes the same router logits (no retraining): it shows whom a smaller "
                        + "capacity costs, not how a model trained at it would route");
        return new AnalysisFigure("Who is left behind: by position and by token class", panels, 2, notes, table);
    }

    private static String worstClass(DropMap m, String[] names) {
        double[] c = m.byClass();
        int worst = -1;
        for (int k = 0; k < c.length; k++) {
            if (m.classTokens()[k] > 0 && (worst < 0 || c[k] > c[worst])) {
                worst = k;
            }
        }
        return worst < 0 ? "-" : names[worst] + " " + SpecializationView.percent(c[worst]);
    }

    private static double range(DropMap m, int from, int to) {
        long n = 0;
        long left = 0;
        for (int p = Math.max(0, from); p < Math.min(to, m.positionTokens().length); p++) {
            n += m.positionTokens()[p];
            left += m.positionLeft()[p];
        }
        return n == 0 ? 0 : (double) left / n;
    }

    static void style(Styler s) {
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
    }
}
