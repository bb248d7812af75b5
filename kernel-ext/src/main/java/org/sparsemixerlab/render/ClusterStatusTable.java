package org.sparsemixerlab.render;

import java.util.Locale;
import org.sparsemixerlab.ablation.ClusterStatus;
import org.sparsemixerlab.ablation.RowState;
import org.sparsemixerlab.ablation.StudyMetrics;

/**
 * A submitted study's rows as Slurm and the stored files see them ({@link ClusterStatus}): row,
 * state (coloured), array task, step of the budget with a bar, elapsed time, the latest held-out
 * MLM accuracy so far, and the pending reason or failure with the last log lines. HTML with the
 * status text as the plain fallback.
 *
 * @param status the joined status
 * @param updated when it was read, shown in the heading (e.g. "12:40:05 UTC"), or "" for none
 */
public record ClusterStatusTable(ClusterStatus status, String updated) implements HtmlDisplay {

    private static String colour(RowState.State s) {
        return switch (s) {
            case DONE -> "#1a7f37";
            case RUNNING -> "#0969da";
            case PENDING -> "#6e7781";
            case FAILED -> "#cf222e";
            case NOT_SUBMITTED -> "#9a6700";
        };
    }

    @Override
    public String html() {
        long budget = status.spec().budget().steps();
        StringBuilder b = new StringBuilder("<div class=\"sml-cluster\">\n<h4>")
                .append(HtmlTable.escape(status.spec().title())).append(" <small>(")
                .append(HtmlTable.escape(status.spec().name())).append(", on Slurm")
                .append(updated.isEmpty() ? "" : ", " + HtmlTable.escape(updated)).append(")</small></h4>\n")
                .append("<table>\n<thead><tr><th>row</th><th>state</th><th>task</th><th>step</th><th>elapsed</th><th>")
                .append(StudyMetrics.MLM_ACCURACY).append("</th><th>detail</th></tr></thead>\n<tbody>\n");
        for (RowState r : status.rows()) {
            double fraction = budget <= 0 ? 0 : Math.min(1, r.step() / (double) budget);
            Double acc = r.latest().get(StudyMetrics.MLM_ACCURACY);
            b.append("<tr><td>").append(HtmlTable.escape(r.key().toString())).append("</td>")
                    .append("<td><b style=\"color:").append(colour(r.state())).append("\">")
                    .append(r.state().label()).append("</b></td><td>").append(HtmlTable.escape(r.taskId()))
                    .append("</td><td style=\"white-space:nowrap\">");
            if (r.state() != RowState.State.NOT_SUBMITTED || r.step() > 0) {
                b.append(String.format(Locale.ROOT, "<span style=\"display:inline-block;width:60px;height:8px;"
                        + "background:#d0d7de;vertical-align:middle\"><span style=\"display:block;width:%d%%;height:8px;"
                        + "background:%s\"></span></span> %d/%d", Math.round(fraction * 100), colour(r.state()),
                        r.step(), budget));
            }
            b.append("</td><td>").append(HtmlTable.escape(r.elapsed())).append("</td><td>")
                    .append(acc == null ? "" : String.format(Locale.ROOT, "%.4f", acc)).append("</td><td>")
                    .append(HtmlTable.escape(r.detail()));
            if (!r.logTail().isEmpty()) {
                b.append("<pre style=\"margin:2px 0;font-size:85%\">")
                        .append(HtmlTable.escape(String.join("\n", r.logTail()))).append("</pre>");
            }
            b.append("</td></tr>\n");
        }
        return b.append("</tbody>\n</table>\n<p>").append(HtmlTable.escape(status.totalLine())).append("</p>\n</div>")
                .toString();
    }

    @Override
    public String text() {
        return status.toText();
    }
}
