package org.sparsemixerlab.train;

import java.util.List;
import java.util.Map;
import org.sparsemixerlab.moe.RoutingMetrics;

/**
 * Metrics over a held-out split at one point of training. Immutable.
 *
 * @param step updates applied when evaluated
 * @param examples examples evaluated
 * @param values metrics by name (e.g. {@code mlm_accuracy}, {@code accuracy}, {@code f1})
 * @param moeLayers routing metrics per MoE layer, averaged over the evaluation batches
 */
public record EvalMetrics(long step, long examples, Map<String, Double> values, List<RoutingMetrics> moeLayers) {

    public EvalMetrics {
        values = Map.copyOf(values);
        moeLayers = List.copyOf(moeLayers);
    }

    public double value(String name) {
        return values.getOrDefault(name, Double.NaN);
    }
}
