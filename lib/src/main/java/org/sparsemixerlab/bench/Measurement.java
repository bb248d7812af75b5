package org.sparsemixerlab.bench;

import java.util.Arrays;

/**
 * Wall-clock timings of one contender after warm-up.
 *
 * @param name what was measured
 * @param samplesMs one wall time per repetition, in milliseconds
 * @param tokens tokens processed per repetition
 */
public record Measurement(String name, double[] samplesMs, long tokens) {

    public double medianMs() {
        double[] s = samplesMs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public double minMs() {
        return Arrays.stream(samplesMs).min().orElse(Double.NaN);
    }

    public double maxMs() {
        return Arrays.stream(samplesMs).max().orElse(Double.NaN);
    }

    /** Tokens per second at the median time. */
    public double tokensPerSecond() {
        return tokens / (medianMs() / 1000.0);
    }

    /** How many times faster this is than {@code baseline} (median time ratio). */
    public double speedupOver(Measurement baseline) {
        return baseline.medianMs() / medianMs();
    }
}
