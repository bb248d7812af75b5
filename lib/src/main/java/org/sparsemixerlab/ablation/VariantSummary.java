package org.sparsemixerlab.ablation;

import java.util.Map;

/**
 * One variant of a study over its seeds. Immutable.
 *
 * @param variant the variant's name
 * @param description what it changes
 * @param completedRows rows that completed (the statistics use only these)
 * @param divergedRows rows whose pre-training diverged
 * @param metrics metric name to its summary, compared with the baseline
 * @param claim the paper's claim, or null
 * @param claimCheck the claim checked against the rows, or null without a claim
 */
public record VariantSummary(String variant, String description, int completedRows, int divergedRows,
        Map<String, MetricSummary> metrics, PaperClaim claim, ClaimCheck claimCheck) {

    public VariantSummary {
        metrics = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
    }

    /** The summary of a metric, or null when no row reported it. */
    public MetricSummary metric(String name) {
        return metrics.get(name);
    }
}
