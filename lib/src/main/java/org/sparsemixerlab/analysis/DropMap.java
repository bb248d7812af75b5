package org.sparsemixerlab.analysis;

/**
 * Who is left behind in one MoE layer: the fraction of real tokens that no expert processed (only
 * the residual carries them on), by position in the sequence and by token class, under the capacity
 * factor the sample was routed with. Compare {@code DropMap.of(sample, l)} with {@code
 * DropMap.of(sample.rerouted(0.5), l)} to see what a smaller capacity costs and whom.
 *
 * @param layer encoder layer index
 * @param algorithm routing algorithm name
 * @param capacityFactor the capacity factor of the decisions
 * @param positionTokens real tokens at each position {@code [SEQ]}
 * @param positionLeft of those, left behind
 * @param classTokens real tokens of each {@link TokenClass} (ordinal order)
 * @param classLeft of those, left behind
 * @param paddingShare share of the kept pairings that went to padding (0 when padding is excluded from routing)
 */
public record DropMap(int layer, String algorithm, double capacityFactor, long[] positionTokens, long[] positionLeft,
        long[] classTokens, long[] classLeft, double paddingShare) {

    /** The drop map of one MoE layer of a sample. */
    public static DropMap of(RoutingSample sample, int layer, TokenClasses classes) {
        LayerRouting l = sample.layer(layer);
        double pad = l.keptPairings() == 0 ? 0 : (double) l.paddingPairings() / l.keptPairings();
        return compute(layer, l.algorithm(), l.capacityFactor(), l.kept(), sample.positions(), sample.seqLength(),
                classes.ordinals(sample.tokenIds()), pad);
    }

    /**
     * The statistic over plain arrays {@code [N]}.
     *
     * @param tokenClass class ordinal of each token
     */
    public static DropMap compute(int layer, String algorithm, double capacityFactor, boolean[] kept, int[] positions,
            int seqLength, int[] tokenClass, double paddingShare) {
        if (kept.length != positions.length || kept.length != tokenClass.length) {
            throw new IllegalArgumentException("kept, positions and classes must have the same length; got "
                    + kept.length + ", " + positions.length + ", " + tokenClass.length);
        }
        int nc = TokenClass.values().length;
        long[] pt = new long[seqLength];
        long[] pl = new long[seqLength];
        long[] ct = new long[nc];
        long[] cl = new long[nc];
        for (int i = 0; i < kept.length; i++) {
            int left = kept[i] ? 0 : 1;
            pt[positions[i]]++;
            pl[positions[i]] += left;
            ct[tokenClass[i]]++;
            cl[tokenClass[i]] += left;
        }
        return new DropMap(layer, algorithm, capacityFactor, pt, pl, ct, cl, paddingShare);
    }

    /** Fraction left behind at each position (0 where no token sits). */
    public double[] byPosition() {
        return fractions(positionLeft, positionTokens);
    }

    /** Fraction left behind per token class (0 for an absent class). */
    public double[] byClass() {
        return fractions(classLeft, classTokens);
    }

    /** Real tokens in all. */
    public long tokens() {
        long n = 0;
        for (long t : classTokens) {
            n += t;
        }
        return n;
    }

    /** Left behind in all. */
    public long left() {
        long n = 0;
        for (long t : classLeft) {
            n += t;
        }
        return n;
    }

    /** Overall fraction left behind. */
    public double fraction() {
        long n = tokens();
        return n == 0 ? 0 : (double) left() / n;
    }

    private static double[] fractions(long[] part, long[] whole) {
        double[] f = new double[part.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = whole[i] == 0 ? 0 : (double) part[i] / whole[i];
        }
        return f;
    }
}
