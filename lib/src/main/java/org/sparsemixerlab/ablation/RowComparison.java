package org.sparsemixerlab.ablation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether two output folders of one study hold the same numbers: every row stored in either is in both, every
 * metric except the measured speeds (tokens/s depend on the machine and its load) equal bit for bit,
 * and the same evaluation curve. Wall time, threads and provenance are records of how a row ran, not
 * results, and are not compared. The check behind "a row run on the cluster equals a local run".
 *
 * @param compared rows found in both folders
 * @param differences one line per difference (empty when the folders agree)
 */
public record RowComparison(int compared, List<String> differences) {

    public RowComparison {
        differences = List.copyOf(differences);
    }

    /** Compares the rows of {@code a} with those of {@code b}; a row stored in only one is a difference. */
    public static RowComparison of(StudyResults a, StudyResults b) {
        List<String> diffs = new ArrayList<>();
        int compared = 0;
        for (RowKey key : a.spec().rows()) {
            StudyRow x = a.rows().get(key);
            StudyRow y = b.rows().get(key);
            if (x == null && y == null) {
                continue;
            }
            if (x == null || y == null) {
                diffs.add(key + ": missing from the " + (x == null ? "first" : "second") + " folder");
                continue;
            }
            compared++;
            if (x.status() != y.status()) {
                diffs.add(key + ": status " + x.status() + " vs " + y.status());
            }
            Set<String> names = new TreeSet<>(x.metrics().keySet());
            names.addAll(y.metrics().keySet());
            for (String m : names) {
                if (StudyMetrics.isSpeed(m)) {
                    continue;
                }
                double u = x.metric(m);
                double v = y.metric(m);
                if (Double.doubleToLongBits(u) != Double.doubleToLongBits(v)) {
                    diffs.add(key + ": " + m + " " + u + " vs " + v);
                }
            }
            if (!x.curve().equals(y.curve())) {
                diffs.add(key + ": evaluation curves differ (" + x.curve().size() + " vs " + y.curve().size()
                        + " points)");
            }
        }
        return new RowComparison(compared, diffs);
    }

    /** Whether every row is in both folders with equal numbers. */
    public boolean equal() {
        return differences.isEmpty();
    }
}
