package org.sparsemixerlab.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The one look of every chart the kernel draws, sized for the page it is shown on.
 *
 * <p>Classic Jupyter Notebook gives an output about 990 px at 100% zoom in a 1400 px window (a
 * 1140 px container less the prompt and paddings) and about 800 px in a 1024 px window. Figures are
 * at most {@link #PAGE_WIDTH} wide so the browser shows them at their own size: a font of
 * {@link #TICK_PX} px in the image is {@link #TICK_PX} px on the screen. (A 1680 px grid scaled into
 * the page made 11 px text about 6 px.) Two charts side by side are {@link #HALF_WIDTH} each.
 *
 * <p>{@link #apply} is called once by every chart factory after its series are added: fonts,
 * palette, legend below the plot (one row when the entries fit, else one entry a line; a label longer
 * than the legend's text limit is wrapped onto several lines instead of cut with "..."), x ticks
 * spaced for their widest label, and whole-number step axes printed without decimals.
 */
public final class ChartStyle {

    /** Widest figure in pixels: fits the classic Notebook page at 100% zoom down to a ~1024 px window. */
    public static final int PAGE_WIDTH = 900;
    /** Width of each chart of a two-column row. */
    public static final int HALF_WIDTH = PAGE_WIDTH / 2;
    /** Height of a chart of a two-column row (room for a legend of up to four lines below the plot). */
    public static final int HEIGHT = 360;

    public static final int TITLE_PX = 14;
    public static final int AXIS_TITLE_PX = 13;
    public static final int TICK_PX = 12;
    public static final int LEGEND_PX = 12;

    /**
     * Series colours in order: first Okabe and Ito's colour-blind safe set (yellow darkened to be seen
     * on white), then four darker tones for studies with up to twelve variants.
     */
    public static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x555555), new Color(0xB8860B),
            new Color(0x332288), new Color(0x8C510A), new Color(0x44AA99), new Color(0x882255));

    /** Extra height of a chart whose legend lists {@code entries} lines below the plot (four fit in the base height). */
    public static int legendRoom(int entries) {
        return Math.max(0, entries - 4) * 19;
    }

    /** XChart cuts each legend line to this fraction of the chart width (its Legend_ constant). */
    static final double LEGEND_TEXT_RATIO = 0.45;
    /** The legend's colour box and the gaps around an entry, in pixels (XChart: box 20, padding 10). */
    static final int LEGEND_ENTRY_EXTRA = 20 + 3 * 10;

    private static final FontRenderContext FRC = new FontRenderContext(null, true, false);

    private ChartStyle() {
    }

    /** The style's sans-serif font at {@code px} pixels. */
    public static Font font(int style, int px) {
        return new Font(Font.SANS_SERIF, style, px);
    }

    /** Styles {@code chart} (call after its series are added) and returns it. */
    public static <C extends Chart<?, ?>> C apply(C chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setChartTitleFont(font(Font.BOLD, titlePx(chart.getTitle(), chart.getWidth())));
        chart.setTitle(fitTitle(chart.getTitle(), chart.getWidth()));
        s.setLegendFont(font(Font.PLAIN, LEGEND_PX));
        s.setSeriesColors(PALETTE.toArray(new Color[0]));
        s.setChartPadding(8);
        s.setLegendPadding(6);
        s.setLegendBorderColor(new Color(0xDDDDDD));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        wrapLegendLabels(chart);
        s.setLegendLayout(legendFitsOneRow(chart) ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        if (s instanceof AxesChartStyler a) {
            a.setAxisTitleFont(font(Font.PLAIN, AXIS_TITLE_PX));
            a.setAxisTickLabelsFont(font(Font.PLAIN, TICK_PX));
            a.setPlotGridLinesColor(new Color(0xE5E5E5));
            a.setPlotBorderColor(new Color(0xBBBBBB));
        }
        if (chart instanceof XYChart xy) {
            thinXTicks(xy);
            if (!xy.getStyler().isYAxisLogarithmic()) {
                xy.getStyler().setYAxisDecimalPattern(yPattern(xy));
            }
        }
        if (chart instanceof CategoryChart c) {
            rotateCrowdedCategories(c);
        }
        return chart;
    }

    /**
     * The title's font size: {@link #TITLE_PX}, or smaller (not under {@link #TICK_PX}) when the title
     * would be wider than the chart.
     */
    static int titlePx(String title, int chartWidth) {
        int px = TITLE_PX;
        while (title != null && px > TICK_PX && textWidth(title, font(Font.BOLD, px)) > chartWidth - 24) {
            px--;
        }
        return px;
    }

    /** The title, cut with an ellipsis only when even at {@link #TICK_PX} it is wider than the chart. */
    static String fitTitle(String title, int chartWidth) {
        Font f = font(Font.BOLD, titlePx(title, chartWidth));
        if (title == null || textWidth(title, f) <= chartWidth - 24) {
            return title;
        }
        String t = title;
        while (t.length() > 1 && textWidth(t + "\u2026", f) > chartWidth - 24) {
            t = t.substring(0, t.length() - 1);
        }
        return t.strip() + "\u2026";
    }

    /**
     * Y tick labels with as many decimals as the data's spread needs (two significant digits of the
     * spread, at most 6): a flat line at 0.2095238 printed "0.20952380952381" on every tick.
     */
    static String yPattern(XYChart chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (XYSeries s : chart.getSeriesCollection()) {
            double[] y = s.getYData();
            double[] err = s.getExtraValues();
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(y[i])) {
                    double e = err != null && i < err.length && Double.isFinite(err[i]) ? Math.abs(err[i]) : 0;
                    min = Math.min(min, y[i] - e);
                    max = Math.max(max, y[i] + e);
                }
            }
        }
        if (chart.getStyler().getYAxisMin() != null) {
            min = Math.min(min, chart.getStyler().getYAxisMin());
        }
        if (chart.getStyler().getYAxisMax() != null) {
            max = Math.max(max, chart.getStyler().getYAxisMax());
        }
        double span = max - min;
        int decimals = !(span > 0) || !Double.isFinite(span) ? 4
                : (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(span)) + 1));
        return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(Math.min(decimals, 1)) + "#".repeat(Math.max(0, decimals - 1));
    }

    /** Width in pixels of {@code text} in the legend font (the widest line when it has several). */
    public static double legendTextWidth(String text) {
        double w = 0;
        for (String line : text.split("\n")) {
            w = Math.max(w, textWidth(line, font(Font.PLAIN, LEGEND_PX)));
        }
        return w;
    }

    /** The widest legend line XChart draws without cutting it, for a chart {@code chartWidth} wide. */
    public static double legendLineLimit(int chartWidth) {
        return chartWidth * LEGEND_TEXT_RATIO - 4;
    }

    /** True when every legend entry fits side by side in one row below the plot. */
    static boolean legendFitsOneRow(Chart<?, ?> chart) {
        double total = 10;
        for (Series series : chart.getSeriesCollection()) {
            if (!series.isShowInLegend()) {
                continue;
            }
            if (series.getLabel().contains("\n")) {
                return false;
            }
            total += legendTextWidth(series.getLabel()) + LEGEND_ENTRY_EXTRA;
        }
        return total <= chart.getWidth() - 2 * 8;
    }

    /** Breaks legend labels at spaces so that no line is longer than XChart's limit. */
    static void wrapLegendLabels(Chart<?, ?> chart) {
        double limit = legendLineLimit(chart.getWidth());
        for (Series series : chart.getSeriesCollection()) {
            String label = series.getLabel();
            if (label != null && legendTextWidth(label) > limit) {
                series.setLabel(wrap(label, limit));
            }
        }
    }

    /** {@code text} broken at spaces (or, for a word longer than a line, inside it) into lines of at most {@code limit} px. */
    static String wrap(String text, double limit) {
        Font f = font(Font.PLAIN, LEGEND_PX);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.replace('\n', ' ').split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (textWidth(candidate, f) <= limit) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (textWidth(rest, f) > limit && rest.length() > 1) {
                int cut = rest.length() - 1;
                while (cut > 1 && textWidth(rest.substring(0, cut), f) > limit) {
                    cut--;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** Name of the invisible series {@link #thinXTicks} may add; never shown in a legend or a text form. */
    public static final String TICK_HELPER = "\u200b";

    /**
     * X ticks at least the widest tick label plus a gap apart; an axis of whole numbers (steps) is
     * printed without decimals.
     *
     * <p>XChart 4.0.3 treats equally spaced x values (steps 1, 2, 3 ...) as categories of a kind: it
     * labels every n-th value and checks that the labels fit by measuring only the first few, the
     * one-digit ones, so at 300 steps "109136163..." ran together. One invisible point half a step
     * inside the range (no line, no marker, not in the legend, y of the first point) makes the values
     * unequally spaced, and XChart then places round ticks by the spacing hint.
     */
    static void thinXTicks(XYChart chart) {
        double max = 1;
        boolean whole = true;
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        double firstY = Double.NaN;
        for (XYSeries s : chart.getSeriesCollection()) {
            for (int i = 0; i < s.getXData().length; i++) {
                double x = s.getXData()[i];
                max = Math.max(max, Math.abs(x));
                whole &= x == Math.rint(x);
                xs.add(x);
                if (Double.isNaN(firstY) && Double.isFinite(s.getYData()[i])) {
                    firstY = s.getYData()[i];
                }
            }
        }
        if (whole) {
            chart.getStyler().setXAxisDecimalPattern("#,##0");
        }
        String widest = whole ? String.format(java.util.Locale.ROOT, "%,d", (long) max)
                : String.format(java.util.Locale.ROOT, "%,.2f", max);
        int spacing = (int) Math.ceil(textWidth(widest, font(Font.PLAIN, TICK_PX))) + 40;
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(74, spacing));
        if (xs.size() > 8 && equallySpaced(xs) && chart.getSeries(TICK_HELPER) == null && !Double.isNaN(firstY)) {
            double half = (xs.higher(xs.first()) - xs.first()) / 2;
            XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {xs.first() + half}, new double[] {firstY});
            helper.setShowInLegend(false);
            helper.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            helper.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
            helper.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            helper.setLineColor(new Color(0, 0, 0, 0));
            helper.setMarkerColor(new Color(0, 0, 0, 0));
        }
    }

    private static boolean equallySpaced(java.util.TreeSet<Double> xs) {
        Double prev = null;
        double gap = Double.NaN;
        for (double x : xs) {
            if (prev != null) {
                double g = x - prev;
                if (Double.isNaN(gap)) {
                    gap = g;
                } else if (Math.abs(g - gap) > 1e-9 * Math.max(1, Math.abs(gap))) {
                    return false;
                }
            }
            prev = x;
        }
        return true;
    }

    /** Category labels turned when side by side they would need more than the plot's width. */
    static void rotateCrowdedCategories(CategoryChart chart) {
        double total = 0;
        List<?> categories = chart.getSeriesCollection().isEmpty() ? List.of()
                : List.copyOf(chart.getSeriesCollection().iterator().next().getXData());
        for (Object c : categories) {
            total += textWidth(String.valueOf(c), font(Font.PLAIN, TICK_PX)) + 12;
        }
        if (total > chart.getWidth() - 90) {
            chart.getStyler().setXAxisLabelRotation(60);
        }
    }

    static double textWidth(String text, Font font) {
        return text.isEmpty() ? 0 : font.getStringBounds(text, FRC).getWidth();
    }
}
