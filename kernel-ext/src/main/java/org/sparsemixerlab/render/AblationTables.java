package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.ablation.ClaimCheck;
import org.sparsemixerlab.ablation.MetricSummary;
import org.sparsemixerlab.ablation.StudyMetrics;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.ablation.VariantSummary;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The comparison table of an ablation study as a Tablesaw {@link Table}: one row per variant, in
 * the study's order, with the baseline first-class (its row says "(baseline)", its speed is 1.00x
 * and its differences are +0).
 *
 * <p>Columns, left to right (a metric's columns appear only when some variant reports it):
 *
 * <ul>
 *   <li>{@value #VARIANT}, {@value #N} (completed seeds; diverged seeds are named in the variant cell)
 *   <li>per quality metric {@code M}: {@code M} as "mean ± std" over seeds and {@code Δ M} as the
 *       mean per-seed difference to the baseline ± two standard errors (paired by seed)
 *   <li>per speed metric: {@code train speed} / {@code inference speed} as a ratio to the baseline
 *       ("1.45x") and {@code train tok/s} / {@code inference tok/s} as the mean throughput
 *   <li>{@value #PARAMS}, {@value #ACTIVE_PARAMS} in millions
 *   <li>routing health of MoE variants: {@value #LEFT_BEHIND} (fraction of tokens no expert took)
 *       and {@value #USAGE} (fraction of experts used); empty for dense variants
 *   <li>{@value #CLAIM}, {@value #MARK} (✓ agrees, ✗ disagrees, ≈ cannot tell apart, ? inconclusive)
 *       and {@value #REASON} (the numbers behind the mark)
 * </ul>
 */
public final class AblationTables {

    public static final String VARIANT = "variant";
    public static final String N = "n";
    public static final String PARAMS = "params";
    public static final String ACTIVE_PARAMS = "active params";
    public static final String LEFT_BEHIND = "left behind";
    public static final String USAGE = "expert usage";
    public static final String CLAIM = "paper claim";
    public static final String MARK = "check";
    public static final String REASON = "why";
    /** Suffix of the variant cell of the baseline row. */
    public static final String BASELINE_SUFFIX = " (baseline)";

    /** The pre-training quality metrics shown by default, when present. */
    static final List<String> DEFAULT_QUALITY = List.of(StudyMetrics.MLM_ACCURACY, StudyMetrics.NSP_ACCURACY,
            StudyMetrics.MLM_LOSS);

    private AblationTables() {
    }

    /** The table with the default quality metrics (MLM/NSP accuracy, MLM loss, fine-tuning accuracies). */
    public static Table table(StudySummary s) {
        return table(s, null);
    }

    /**
     * The table with {@code firstMetric} (when not null and reported) as the first quality column,
     * followed by the default quality metrics.
     */
    public static Table table(StudySummary s, String firstMetric) {
        Table t = Table.create(s.title());
        StringColumn variant = StringColumn.create(VARIANT);
        IntColumn n = IntColumn.create(N);
        for (VariantSummary v : s.variants()) {
            String name = v.variant() + (v.variant().equals(s.baseline()) ? BASELINE_SUFFIX : "");
            variant.append(v.divergedRows() > 0 ? name + " [" + v.divergedRows() + " diverged]" : name);
            n.append(v.completedRows());
        }
        t.addColumns(variant, n);
        List<String> present = s.metricNames();
        for (String m : qualityMetrics(s, firstMetric)) {
            StringColumn value = StringColumn.create(m);
            StringColumn diff = StringColumn.create(deltaColumn(m));
            for (VariantSummary v : s.variants()) {
                value.append(meanStd(v.metric(m)));
                diff.append(difference(v.metric(m)));
            }
            t.addColumns(value, diff);
        }
        speedColumns(t, s, present, StudyMetrics.TRAIN_TOKENS_PER_S, "train");
        speedColumns(t, s, present, StudyMetrics.INFER_TOKENS_PER_S, "inference");
        simpleColumn(t, s, present, StudyMetrics.PARAMS_TOTAL, PARAMS, AblationTables::millions);
        simpleColumn(t, s, present, StudyMetrics.PARAMS_ACTIVE, ACTIVE_PARAMS, AblationTables::millions);
        simpleColumn(t, s, present, StudyMetrics.LEFT_BEHIND, LEFT_BEHIND, AblationTables::fraction);
        simpleColumn(t, s, present, StudyMetrics.USAGE, USAGE, AblationTables::fraction);
        StringColumn claim = StringColumn.create(CLAIM);
        StringColumn mark = StringColumn.create(MARK);
        StringColumn reason = StringColumn.create(REASON);
        for (VariantSummary v : s.variants()) {
            claim.append(v.claim() == null ? "" : v.claim().text()
                    + (v.claim().source() == null || v.claim().source().isBlank() ? "" : " (" + v.claim().source() + ")"));
            mark.append(mark(v.claimCheck()));
            reason.append(v.claimCheck() == null ? "" : v.claimCheck().reason());
        }
        t.addColumns(claim, mark, reason);
        return t;
    }

    /** The quality metrics shown: {@code firstMetric} (if reported), the defaults, fine-tuning accuracies. */
    public static List<String> qualityMetrics(StudySummary s, String firstMetric) {
        List<String> present = s.metricNames();
        List<String> out = new ArrayList<>();
        if (firstMetric != null && present.contains(firstMetric)) {
            out.add(firstMetric);
        }
        for (String m : DEFAULT_QUALITY) {
            if (present.contains(m) && !out.contains(m)) {
                out.add(m);
            }
        }
        for (String m : present) {
            if (m.startsWith(StudyMetrics.FINETUNE_PREFIX) && m.endsWith(".accuracy") && !out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The name of the difference column of a quality metric, e.g. {@code Δ mlm_accuracy}. */
    public static String deltaColumn(String metric) {
        return "\u0394 " + metric;
    }

    /** The name of the ratio column of a speed kind: {@code train speed} or {@code inference speed}. */
    public static String speedColumn(String kind) {
        return kind + " speed";
    }

    /** ✓ agrees, ✗ disagrees, ≈ cannot tell apart, ? inconclusive (too few seeds), empty without a claim. */
    public static String mark(ClaimCheck check) {
        if (check == null) {
            return "";
        }
        return switch (check.verdict()) {
            case AGREES -> "\u2713";
            case DISAGREES -> "\u2717";
            case CANNOT_TELL_APART -> "\u2248";
            case INCONCLUSIVE -> "?";
        };
    }

    /** "0.3100 ± 0.0141" (the std is left out for a single seed), "-" when not measured. */
    public static String meanStd(MetricSummary m) {
        if (m == null || m.n() == 0) {
            return "-";
        }
        return Double.isNaN(m.std()) ? String.format(Locale.ROOT, "%.4f", m.mean())
                : String.format(Locale.ROOT, "%.4f \u00b1 %.4f", m.mean(), m.std());
    }

    /**
     * "+0.0123 ± 0.0040": the mean per-seed difference to the baseline with two standard errors of
     * it (paired by seed); "+0.0123" alone when fewer than two seeds are shared; "-" when not
     * comparable.
     */
    public static String difference(MetricSummary m) {
        if (m == null || Double.isNaN(m.baselineDifference())) {
            return "-";
        }
        return Double.isFinite(m.differenceStderr())
                ? String.format(Locale.ROOT, "%+.4f \u00b1 %.4f", m.baselineDifference(), 2 * m.differenceStderr())
                : String.format(Locale.ROOT, "%+.4f", m.baselineDifference());
    }

    /** "1.45x" ratio of means to the baseline, "-" when not comparable. */
    public static String ratio(MetricSummary m) {
        return m == null || Double.isNaN(m.baselineRatio()) ? "-" : String.format(Locale.ROOT, "%.2fx", m.baselineRatio());
    }

    /**
     * The table as HTML laid out to fit a notebook page ({@link FittedAblationTable}): baseline row
     * in bold, constant columns folded into notes, claims as numbered footnotes with their reasons.
     */
    public static String html(Table t) {
        return FittedAblationTable.of(t).html(t.name());
    }

    /** Plain text in the same layout as {@link #html}: the tables, the folded columns, the claims as footnotes. */
    public static String text(Table t) {
        return FittedAblationTable.of(t).text();
    }

    private static void speedColumns(Table t, StudySummary s, List<String> present, String metric, String kind) {
        if (!present.contains(metric)) {
            return;
        }
        StringColumn ratio = StringColumn.create(speedColumn(kind));
        StringColumn absolute = StringColumn.create(kind + " tok/s");
        for (VariantSummary v : s.variants()) {
            MetricSummary m = v.metric(metric);
            ratio.append(ratio(m));
            absolute.append(m == null || m.n() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", m.mean()));
        }
        t.addColumns(ratio, absolute);
    }

    private static void simpleColumn(Table t, StudySummary s, List<String> present, String metric, String column,
            java.util.function.DoubleFunction<String> format) {
        if (!present.contains(metric)) {
            return;
        }
        StringColumn c = StringColumn.create(column);
        for (VariantSummary v : s.variants()) {
            MetricSummary m = v.metric(metric);
            c.append(m == null || m.n() == 0 ? "" : format.apply(m.mean()));
        }
        t.addColumns(c);
    }

    private static String millions(double x) {
        return String.format(Locale.ROOT, "%.2fM", x / 1e6);
    }

    private static String fraction(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
