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
                .append(FittedAblationTable.of(table()).html(null))
                .append("\n<p><small>quality: mean \u00b1 std over completed seeds, under it \u0394 = difference to the baseline, seed by seed, \u00b1 2 standard errors;"
                        + " speed: ratio of mean tokens/s to the baseline, under it the tokens/s; paper claim: \u2713 agrees, \u2717 disagrees,"
                        + " \u2248 cannot tell apart (the interval covers both readings of the claim), ? too few seeds;"
                        + " the numbered footnotes give each claim and its numbers</small></p>\n");
        String curveNote = curveNote();
        if (!curveNote.isEmpty()) {
            sb.append("<p><small>").append(HtmlTable.escape(curveNote)).append("</small></p>\n");
        }
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

    /**
     * A line about the curves over steps when they have few points, e.g. {@code the curves over steps
     * have 2 points (held-out evaluation at steps 100, 200: eval_every 100 of 200 steps); a finer
     * curve needs a smaller eval_every in the study's budget}; empty otherwise.
     */
    public String curveNote() {
        String m = AblationCharts.curveMetric(summary, metric == null ? "mlm_accuracy" : metric);
        java.util.TreeSet<Long> steps = new java.util.TreeSet<>();
        summary.curves(m).forEach(c -> c.points().forEach(p -> steps.add(p.step())));
        if (steps.isEmpty() || steps.size() > 3) {
            return "";
        }
        String list = steps.stream().map(String::valueOf).collect(Collectors.joining(", "));
        long every = steps.size() > 1 ? steps.higher(steps.first()) - steps.first() : steps.first();
        return "the curves over steps have " + steps.size() + " point" + (steps.size() == 1 ? "" : "s")
                + " (held-out evaluation at step" + (steps.size() == 1 ? " " : "s ") + list + ": eval_every " + every
                + " of " + steps.last() + " steps), so each line joins " + steps.size()
                + " measurements and shows no shape between them; a finer curve needs a smaller eval_every in the"
                + " study's budget (and re-running its rows)";
    }

    public String text() {
        StringBuilder sb = new StringBuilder(summary.title()).append(" (").append(summary.study()).append(", baseline ")
                .append(summary.baseline()).append(")\n").append(AblationTables.text(table()));
        String curveNote = curveNote();
        if (!curveNote.isEmpty()) {
            sb.append(curveNote).append('\n');
        }
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
