package org.sparsemixerlab.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** Named running sums with counts, for metrics averaged over steps or evaluation batches. */
public final class MetricSums {
    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /** Adds {@code sum} over {@code count} items to metric {@code name}. */
    public void add(String name, double sum, double count) {
        double[] s = sums.computeIfAbsent(name, k -> new double[2]);
        s[0] += sum;
        s[1] += count;
    }

    /** The plain sum of a metric (0 when absent). */
    public double sum(String name) {
        double[] s = sums.get(name);
        return s == null ? 0 : s[0];
    }

    /** Sum over count, or NaN when nothing was counted. */
    public double mean(String name) {
        double[] s = sums.get(name);
        return s == null || s[1] == 0 ? Double.NaN : s[0] / s[1];
    }

    /** Every metric's mean, in insertion order. */
    public Map<String, Double> means() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : sums.keySet()) {
            out.put(k, mean(k));
        }
        return out;
    }

    public void clear() {
        sums.clear();
    }
}
