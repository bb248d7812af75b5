package org.sparsemixerlab.ablation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link StudySummary} as a fixed-width text table for the command line. */
final class SummaryText {
    private SummaryText() {}

    static String render(StudySummary s) {
        List<String> metrics = new ArrayList<>(List.of(StudyMetrics.MLM_ACCURACY, StudyMetrics.NSP_ACCURACY,
                StudyMetrics.MLM_LOSS));
        for (String m : s.metricNames()) {
            if (m.startsWith(StudyMetrics.FINETUNE_PREFIX) && m.endsWith(".accuracy")) {
                metrics.add(m);
            }
        }
        metrics.addAll(List.of(StudyMetrics.TRAIN_TOKENS_PER_S, StudyMetrics.INFER_TOKENS_PER_S,
                StudyMetrics.PARAMS_TOTAL, StudyMetrics.PARAMS_ACTIVE));
        List<String[]> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("variant", "n"));
        header.addAll(metrics);
        header.add("claim");
        table.add(header.toArray(String[]::new));
        for (VariantSummary v : s.variants()) {
            List<String> cells = new ArrayList<>();
            cells.add(v.variant() + (v.variant().equals(s.baseline()) ? " (baseline)" : ""));
            cells.add(v.completedRows() + (v.divergedRows() > 0 ? " (+" + v.divergedRows() + " diverged)" : ""));
            for (String m : metrics) {
                cells.add(cell(v.metric(m)));
            }
            cells.add(v.claimCheck() == null ? "" : v.claimCheck().mark() + " " + v.claimCheck().verdict());
            table.add(cells.toArray(String[]::new));
        }
        int[] widths = new int[header.size()];
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder(s.title()).append(" (").append(s.study()).append(")\n");
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]))
                        .append(i + 1 < row.length ? "  " : "");
            }
            out.append('\n');
        }
        out.append("quality: mean+/-std over seeds (difference to baseline); speed: tokens/s (ratio to baseline)\n");
        for (VariantSummary v : s.variants()) {
            if (v.claim() != null) {
                out.append(String.format(Locale.ROOT, "claim %s [%s] %s (%s): %s%n", v.variant(),
                        v.claimCheck().mark(), v.claim().text(), v.claim().source(), v.claimCheck().reason()));
            }
        }
        if (!s.missing().isEmpty()) {
            out.append("missing rows (").append(s.missing().size()).append("): ").append(s.missing()).append('\n');
        }
        return out.toString();
    }

    private static String cell(MetricSummary m) {
        if (m == null || m.n() == 0) {
            return "-";
        }
        String name = m.metric();
        if (name.startsWith("params")) {
            return String.format(Locale.ROOT, "%.2fM", m.mean() / 1e6);
        }
        if (StudyMetrics.isSpeed(name)) {
            return String.format(Locale.ROOT, "%.0f (%.2fx)", m.mean(), m.baselineRatio());
        }
        String spread = Double.isNaN(m.std()) ? "" : String.format(Locale.ROOT, "+/-%.4f", m.std());
        String diff = Double.isNaN(m.baselineDifference()) ? ""
                : String.format(Locale.ROOT, " (%+.4f)", m.baselineDifference());
        return String.format(Locale.ROOT, "%.4f%s%s", m.mean(), spread, diff);
    }
}
