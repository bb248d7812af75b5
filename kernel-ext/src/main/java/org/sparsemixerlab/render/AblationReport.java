package org.sparsemixerlab.render;

import java.util.List;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.XYChart;
import org.sparsemixerlab.ablation.RowKey;
import org.sparsemixerlab.ablation.StudySummary;
import tech.tablesaw.api.Table;

/**
 * What displaying a {@link StudySummary} shows: a heading, the {@link AblationTables} table, the
 * missing rows, and the {@link AblationCharts} (quality vs speed, curves over steps) side by side.
 * HTML (table plus PNG charts inline), PNG (the charts alone) and a text/plain fallback.
 *
 * <p>The charted metric is {@link #chartMetric()} when the study reports it (set by {@code %ablate
 * --metric}), else {@link AblationCharts#defaultMetric}.
 */
public final class AblationReport {

    private static volatile String chartMetric;

    private final StudySummary summary;
    private final String metric;

    private AblationReport(StudySummary summary, String metric) {
        this.summary = summary;
        this.metric = metric;
    }

    /** The report of {@code s} charting {@code metric}, or the default metric when null or not reported. */
    public static AblationReport of(StudySummary s, String metric) {
        String m = metric != null && s.metricNames().contains(metric) ? metric : AblationCharts.defaultMetric(s);
        return new AblationReport(s, m);
    }

    /** The report of {@code s} with the notebook's chart metric. */
    public static AblationReport of(StudySummary s) {
        return of(s, chartMetric);
    }

    /** The metric the StudySummary renderer charts and lists first, or null for the default. */
    public static String chartMetric() {
        return chartMetric;
    }

    /** Sets the metric the StudySummary renderer charts first (null: the default, mlm_accuracy). */
    public static void chartMetric(String metric) {
        chartMetric = metric;
    }

    /** The metric this report charts (null when the study reports no quality metric yet). */
    public String metric() {
        return metric;
    }

    public Table table() {
        return AblationTables.table(summary, metric);
    }

    /** The two charts: quality vs speed, then curves over steps. */
    public List<XYChart> charts() {
        String quality = metric == null ? "mlm_accuracy" : metric;
        return List.of(AblationCharts.qualityVsSpeed(summary, quality),
                AblationCharts.curves(summary, AblationCharts.curveMetric(summary, quality)));
    }

    /** The charts side by side as one {@link Figure}: {@code AblationReport.of(s).figure().save(Path.of("study.svg"))}. */
    public ChartGrid figure() {
        return new ChartGrid(List.copyOf(charts()), 2);
    }

    /** The charts side by side as one PNG. */
    public byte[] chartsPng() {
        return figure().png();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<div class=\"sml-ablation\">\n<h4>")
                .append(HtmlTable.escape(summary.title())).append(" <small>(").append(HtmlTable.escape(summary.study()))
                .append(", baseline ").append(HtmlTable.escape(summary.baseline())).append(")</small></h4>\n")
                .append(AblationTables.html(table()))
                .append("\n<p><small>quality: mean \u00b1 std over completed seeds, \u0394 = difference to the baseline, seed by seed, \u00b1 2 standard errors;"
                        + " speed: ratio of mean tokens/s to the baseline; check: \u2713 agrees, \u2717 disagrees,"
                        + " \u2248 inconclusive (hover for the numbers)</small></p>\n");
        if (!summary.missing().isEmpty()) {
            sb.append("<p>missing rows (").append(summary.missing().size()).append("): ")
                    .append(HtmlTable.escape(missingText(summary.missing()))).append("</p>\n");
        }
        if (summary.variants().stream().anyMatch(v -> v.completedRows() > 0)) {
            sb.append("<img src=\"data:image/png;base64,").append(ChartImages.base64(chartsPng()))
                    .append("\" alt=\"quality vs speed and curves over steps\" style=\"max-width:100%\"/>\n");
        }
        return sb.append("</div>").toString();
    }

    public String text() {
        StringBuilder sb = new StringBuilder(summary.title()).append(" (").append(summary.study()).append(", baseline ")
                .append(summary.baseline()).append(")\n").append(AblationTables.text(table()));
        if (!summary.missing().isEmpty()) {
            sb.append("missing rows (").append(summary.missing().size()).append("): ")
                    .append(missingText(summary.missing())).append('\n');
        }
        return sb.toString();
    }

    /** Fills HTML (when requested) and text/plain of a display. */
    public void render(RenderContext ctx) {
        ctx.renderIfRequested(MIMEType.TEXT_HTML, this::html);
        ctx.getOutputContainer().putText(text());
    }

    static String missingText(List<RowKey> missing) {
        return missing.stream().map(RowKey::toString).collect(Collectors.joining(", "));
    }
}
