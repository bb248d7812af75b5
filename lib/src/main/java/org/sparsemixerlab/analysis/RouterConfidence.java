package org.sparsemixerlab.analysis;

import java.util.Arrays;

/**
 * How sure the router of one MoE layer is: the distribution of each token's top gate (largest
 * router probability; 1/E is a uniform router, 1 a certain one) and of the router's entropy in bits
 * (0 certain, {@code log2 E} uniform).
 *
 * @param layer encoder layer index
 * @param experts E
 * @param tokens sample tokens
 * @param topGateHistogram counts in {@link #BINS} equal bins over [0, 1] (the last bin includes 1)
 * @param entropyHistogram counts in {@link #BINS} equal bins over [0, log2 E]
 * @param meanTopGate mean top gate
 * @param medianTopGate median top gate
 * @param meanEntropyBits mean entropy
 */
public record RouterConfidence(int layer, int experts, long tokens, long[] topGateHistogram, long[] entropyHistogram,
        double meanTopGate, double medianTopGate, double meanEntropyBits) {

    /** Bins of both histograms. */
    public static final int BINS = 20;

    /** {@code log2 E}, the entropy of a uniform router. */
    public double maxEntropyBits() {
        return Math.log(experts) / Math.log(2);
    }

    /** The view for one MoE layer of a sample. */
    public static RouterConfidence of(RoutingSample sample, int layer) {
        LayerRouting l = sample.layer(layer);
        return compute(layer, l.experts(), l.topGate(), l.entropyBits());
    }

    /** The statistic over plain arrays {@code [N]}. */
    public static RouterConfidence compute(int layer, int experts, float[] topGate, float[] entropyBits) {
        if (topGate.length != entropyBits.length || topGate.length == 0) {
            throw new IllegalArgumentException("top gates and entropies must be non-empty and of equal length; got "
                    + topGate.length + " and " + entropyBits.length);
        }
        double maxH = Math.log(experts) / Math.log(2);
        long[] gh = new long[BINS];
        long[] hh = new long[BINS];
        double sumG = 0;
        double sumH = 0;
        for (int i = 0; i < topGate.length; i++) {
            gh[bin(topGate[i], 1.0)]++;
            hh[bin(entropyBits[i], maxH)]++;
            sumG += topGate[i];
            sumH += entropyBits[i];
        }
        float[] sorted = topGate.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new RouterConfidence(layer, experts, n, gh, hh, sumG / n, median, sumH / n);
    }

    /** The bin of {@code x} in BINS equal bins over {@code [0, max]}; values outside go to the end bins. */
    static int bin(double x, double max) {
        if (max <= 0) {
            return 0;
        }
        int b = (int) Math.floor(x / max * BINS);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    /** Lower edge of each bin of the top-gate histogram. */
    public static double[] topGateEdges() {
        double[] e = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            e[i] = (double) i / BINS;
        }
        return e;
    }

    /** Lower edge of each bin of the entropy histogram. */
    public double[] entropyEdges() {
        double[] e = new double[BINS];
        for (int i = 0; i < BINS; i++) {
            e[i] = maxEntropyBits() * i / BINS;
        }
        return e;
    }
}
