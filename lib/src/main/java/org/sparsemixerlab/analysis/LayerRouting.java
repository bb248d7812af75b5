package org.sparsemixerlab.analysis;

import java.util.List;
import org.sparsemixerlab.moe.Assignment;

/**
 * How one MoE layer routed the real (non-padding) tokens of a {@link RoutingSample}, one entry per
 * sample token. The top expert is the router's first preference (argmax of its softmax), whatever the
 * algorithm then did with it; {@code kept} says whether any expert processed the token.
 *
 * @param layer encoder layer index of the MoE layer
 * @param experts E
 * @param algorithm the routing algorithm's name
 * @param capacityFactor the capacity factor the decisions were made under
 * @param topExpert argmax of the router probabilities {@code [N]}
 * @param topGate the largest router probability {@code [N]}
 * @param entropyBits entropy of the router distribution over experts, in bits {@code [N]}
 * @param kept true when at least one expert processed the token {@code [N]}
 * @param keptPairings kept token-expert pairings of the whole batches, padding included
 * @param paddingPairings of those, pairings that went to padding tokens
 */
public record LayerRouting(int layer, int experts, String algorithm, double capacityFactor, int[] topExpert,
        float[] topGate, float[] entropyBits, boolean[] kept, long keptPairings, long paddingPairings) {

    public LayerRouting {
        int n = topExpert.length;
        if (topGate.length != n || entropyBits.length != n || kept.length != n) {
            throw new IllegalArgumentException("per-token arrays must all have length " + n + "; got " + topGate.length
                    + ", " + entropyBits.length + ", " + kept.length);
        }
        topExpert = topExpert.clone();
        topGate = topGate.clone();
        entropyBits = entropyBits.clone();
        kept = kept.clone();
    }

    @Override public int[] topExpert() { return topExpert.clone(); }
    @Override public float[] topGate() { return topGate.clone(); }
    @Override public float[] entropyBits() { return entropyBits.clone(); }
    @Override public boolean[] kept() { return kept.clone(); }

    /** Number of sample tokens. */
    public int tokens() {
        return topExpert.length;
    }

    /** The same preferences with other kept flags (after re-routing). */
    LayerRouting withKept(double cf, boolean[] newKept, long newKeptPairings, long newPaddingPairings) {
        return new LayerRouting(layer, experts, algorithm, cf, topExpert, topGate, entropyBits, newKept,
                newKeptPairings, newPaddingPairings);
    }

    /**
     * Softmax, argmax and entropy of router logits, row by row.
     *
     * @param logits flat {@code [ROWS, E]}
     * @param rowFrom first row to read
     * @param rows rows to read
     * @param top receives the argmax (lowest index on ties) at {@code out + r}
     * @param gate receives the largest probability
     * @param entropy receives the entropy in bits
     */
    public static void preferences(float[] logits, int experts, int rowFrom, int rows, int[] top, float[] gate,
            float[] entropy, int out) {
        double[] p = new double[experts];
        for (int r = 0; r < rows; r++) {
            int base = (rowFrom + r) * experts;
            double max = Double.NEGATIVE_INFINITY;
            int arg = 0;
            for (int e = 0; e < experts; e++) {
                if (logits[base + e] > max) {
                    max = logits[base + e];
                    arg = e;
                }
            }
            double sum = 0;
            for (int e = 0; e < experts; e++) {
                p[e] = Math.exp(logits[base + e] - max);
                sum += p[e];
            }
            double h = 0;
            for (int e = 0; e < experts; e++) {
                double q = p[e] / sum;
                if (q > 0) {
                    h -= q * Math.log(q);
                }
            }
            top[out + r] = arg;
            gate[out + r] = (float) (1.0 / sum);
            entropy[out + r] = (float) (h / Math.log(2));
        }
    }

    /**
     * Which flat tokens ({@code g * T + t}) have at least one kept pairing.
     *
     * @param tokens flat tokens of the routing call, {@code G * T}
     */
    public static boolean[] keptTokens(List<Assignment> assignments, int tokensPerGroup, int tokens) {
        boolean[] kept = new boolean[tokens];
        for (Assignment a : assignments) {
            if (!a.dropped()) {
                kept[a.group() * tokensPerGroup + a.token()] = true;
            }
        }
        return kept;
    }
}
