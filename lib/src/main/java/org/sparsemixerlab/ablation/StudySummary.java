package org.sparsemixerlab.ablation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Statistics of a study's rows, ready for tables and charts: per variant and metric the mean,
 * sample standard deviation, n and standard error over seeds; speed relative to the baseline
 * variant (baseline = 1.00x) and quality as a difference to it; each paper claim checked; and the
 * held-out curves averaged over seeds. Only COMPLETED rows enter the statistics. Immutable.
 *
 * @param study the study's name
 * @param title the study's title
 * @param baseline the baseline variant's name
 * @param variants one summary per variant, in the study's order
 * @param curves one series per variant and curve metric
 * @param missing rows without a file yet
 */
public record StudySummary(String study, String title, String baseline, List<VariantSummary> variants,
        List<CurveSeries> curves, List<RowKey> missing) {

    public StudySummary {
        variants = List.copyOf(variants);
        curves = List.copyOf(curves);
        missing = List.copyOf(missing);
    }

    /** Summarises the rows found for {@code results.spec()}. */
    public static StudySummary of(StudyResults results) {
        StudySpec spec = results.spec();
        Map<String, Map<String, MetricSummary>> raw = new LinkedHashMap<>();
        for (Variant v : spec.variants()) {
            Map<String, List<Double>> values = new TreeMap<>();
            for (StudyRow r : completed(results.rowsOf(v.name()))) {
                r.metrics().forEach((m, x) -> {
                    if (Double.isFinite(x)) {
                        values.computeIfAbsent(m, k -> new ArrayList<>()).add(x);
                    }
                });
            }
            Map<String, MetricSummary> metrics = new TreeMap<>();
            values.forEach((m, xs) -> metrics.put(m, MetricSummary.of(m, xs)));
            raw.put(v.name(), metrics);
        }
        Map<String, MetricSummary> base = raw.get(spec.baseline());
        List<StudyRow> baselineRows = results.rowsOf(spec.baseline());
        Map<String, Map<Integer, Double>> baseBySeed = new TreeMap<>();
        base.keySet().forEach(m -> baseBySeed.put(m, bySeed(baselineRows, m)));
        List<VariantSummary> variants = new ArrayList<>();
        for (Variant v : spec.variants()) {
            Map<String, MetricSummary> compared = new TreeMap<>();
            List<StudyRow> rows = results.rowsOf(v.name());
            raw.get(v.name()).forEach((m, s) -> compared.put(m, s.comparedWith(base.get(m))
                    .pairedWith(bySeed(rows, m), baseBySeed.getOrDefault(m, Map.of()))));
            int done = completed(rows).size();
            ClaimCheck check = null;
            PaperClaim claim = v.paperClaim();
            if (claim != null) {
                String metric = claim.expectation() == null ? null : claim.expectation().metric();
                check = metric == null ? claim.check(null, null)
                        : claim.check(compared.get(metric), base.get(metric));
            }
            variants.add(new VariantSummary(v.name(), v.description(), done, rows.size() - done, compared, claim,
                    check));
        }
        return new StudySummary(spec.name(), spec.title(), spec.baseline(), variants, curves(spec, results),
                results.missing());
    }

    private static Map<Integer, Double> bySeed(List<StudyRow> rows, String metric) {
        Map<Integer, Double> out = new TreeMap<>();
        for (StudyRow r : completed(rows)) {
            Double x = r.metrics().get(metric);
            if (x != null && Double.isFinite(x)) {
                out.put(r.seed(), x);
            }
        }
        return out;
    }

    private static List<StudyRow> completed(List<StudyRow> rows) {
        return rows.stream().filter(r -> r.status() == StudyRow.Status.COMPLETED).toList();
    }

    private static List<CurveSeries> curves(StudySpec spec, StudyResults results) {
        List<CurveSeries> out = new ArrayList<>();
        for (Variant v : spec.variants()) {
            Map<String, TreeMap<Long, List<Double>>> byMetric = new TreeMap<>();
            for (StudyRow r : completed(results.rowsOf(v.name()))) {
                for (StudyRow.EvalPoint p : r.curve()) {
                    p.values().forEach((m, x) -> {
                        if (Double.isFinite(x)) {
                            byMetric.computeIfAbsent(m, k -> new TreeMap<>())
                                    .computeIfAbsent(p.step(), k -> new ArrayList<>()).add(x);
                        }
                    });
                }
            }
            byMetric.forEach((m, steps) -> {
                List<CurveSeries.Point> points = new ArrayList<>();
                steps.forEach((step, xs) -> {
                    MetricSummary s = MetricSummary.of(m, xs);
                    points.add(new CurveSeries.Point(step, s.mean(), s.std(), s.n()));
                });
                out.add(new CurveSeries(v.name(), m, points));
            });
        }
        return out;
    }

    /** The summary of a variant. */
    public VariantSummary variant(String name) {
        for (VariantSummary v : variants) {
            if (v.variant().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no variant '" + name + "' in study " + study);
    }

    /** The curves of one metric, one per variant that has it (e.g. for a chart of mlm_accuracy). */
    public List<CurveSeries> curves(String metric) {
        return curves.stream().filter(c -> c.metric().equals(metric)).toList();
    }

    /** Every metric name any variant reports, sorted. */
    public List<String> metricNames() {
        TreeSet<String> names = new TreeSet<>();
        variants.forEach(v -> names.addAll(v.metrics().keySet()));
        return List.copyOf(names);
    }

    /** A plain-text table (one line per variant) with claims and missing rows below it. */
    public String toText() {
        return SummaryText.render(this);
    }
}
