package org.sparsemixerlab.magics;

import java.util.List;

/**
 * Result of {@code %timeit}: per-loop seconds of each run.
 *
 * @param perLoopSeconds one value per run: that run's total time divided by {@code loops}
 * @param loops          loops per run
 */
public record TimingStats(List<Double> perLoopSeconds, int loops) {

    public TimingStats {
        perLoopSeconds = List.copyOf(perLoopSeconds);
        if (perLoopSeconds.isEmpty() || loops < 1) {
            throw new IllegalArgumentException("timing needs at least one run of at least one loop, got "
                    + perLoopSeconds.size() + " runs of " + loops + " loops");
        }
    }

    public double mean() {
        return perLoopSeconds.stream().mapToDouble(Double::doubleValue).sum() / perLoopSeconds.size();
    }

    /** Population standard deviation over runs (as IPython's {@code %timeit} reports). */
    public double std() {
        double m = mean();
        double sq = perLoopSeconds.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
        return Math.sqrt(sq / perLoopSeconds.size());
    }

    public double best() {
        return perLoopSeconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    /** IPython's line, e.g. {@code 1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 100 loops each)}. */
    public String summary() {
        int runs = perLoopSeconds.size();
        return TimeFormat.seconds(mean()) + " \u00b1 " + TimeFormat.seconds(std()) + " per loop (mean \u00b1 std. dev. of "
                + runs + (runs == 1 ? " run, " : " runs, ") + loops + (loops == 1 ? " loop each)" : " loops each)");
    }
}
