package org.sparsemixerlab.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Expert specialisation in one MoE layer: which tokens each expert takes (by the router's top
 * choice), which tokens it takes more often than their corpus frequency (lift), and the expert x
 * token-class lift matrix with a verdict per expert.
 *
 * <p>Lift of class c at expert e is {@code P(c | e) / P(c)} = {@code (n_ec / n_e) / (n_c / N)}: 1
 * means the expert sees the class at its base rate, 2 twice as often, 0 never; an expert with no
 * tokens has lift 0 everywhere.
 *
 * <pre>
 * Specialization s = Specialization.of(sample, 1, TokenClasses.of(tokenizer));
 * s.profiles().forEach(p -&gt; System.out.println(p.expert() + ": " + p.verdict()));
 * </pre>
 *
 * @param layer encoder layer index
 * @param experts E
 * @param tokens sample tokens N
 * @param profiles one per expert
 * @param classCounts {@code n_ec}, {@code [E][classes]} (class order of {@link TokenClass})
 * @param classTotals {@code n_c}
 * @param classLift the lift matrix {@code [E][classes]}
 */
public record Specialization(int layer, int experts, long tokens, List<ExpertProfile> profiles, long[][] classCounts,
        long[] classTotals, double[][] classLift) {

    /** Tokens listed per expert. */
    public static final int TOP = 10;
    /** A token needs this many occurrences in an expert to be listed by lift (fewer is noise). */
    public static final int MIN_LIFT_COUNT = 3;

    public Specialization {
        profiles = List.copyOf(profiles);
    }

    /** The view for one MoE layer of a sample. */
    public static Specialization of(RoutingSample sample, int layer, TokenClasses classes) {
        LayerRouting l = sample.layer(layer);
        return compute(layer, sample.tokenIds(), l.topExpert(), l.experts(), classes, TOP);
    }

    /**
     * The statistic over plain arrays.
     *
     * @param tokenIds token of each sample position {@code [N]}
     * @param topExpert its expert {@code [N]}
     * @param top tokens to list per expert
     */
    public static Specialization compute(int layer, int[] tokenIds, int[] topExpert, int experts, TokenClasses classes,
            int top) {
        return compute(layer, tokenIds, topExpert, experts, classes, top, MIN_LIFT_COUNT);
    }

    /** As {@link #compute(int, int[], int[], int, TokenClasses, int)}, listing by lift only tokens seen {@code minCount} times. */
    public static Specialization compute(int layer, int[] tokenIds, int[] topExpert, int experts, TokenClasses classes,
            int top, int minCount) {
        if (tokenIds.length != topExpert.length) {
            throw new IllegalArgumentException("tokenIds and topExpert must have the same length; got "
                    + tokenIds.length + " and " + topExpert.length);
        }
        int v = classes.vocabSize();
        int nc = TokenClass.values().length;
        long n = tokenIds.length;
        long[] perToken = new long[v];
        long[] perExpertToken = new long[experts * v];
        long[] perExpert = new long[experts];
        long[][] classCounts = new long[experts][nc];
        long[] classTotals = new long[nc];
        int[] cls = classes.ordinals(tokenIds);
        for (int i = 0; i < tokenIds.length; i++) {
            int e = topExpert[i];
            if (e < 0 || e >= experts) {
                throw new IllegalArgumentException("expert " + e + " at token " + i + " outside [0, " + experts + ")");
            }
            perToken[tokenIds[i]]++;
            perExpertToken[e * v + tokenIds[i]]++;
            perExpert[e]++;
            classCounts[e][cls[i]]++;
            classTotals[cls[i]]++;
        }
        double[][] lift = new double[experts][nc];
        List<ExpertProfile> profiles = new ArrayList<>();
        for (int e = 0; e < experts; e++) {
            for (int c = 0; c < nc; c++) {
                lift[e][c] = lift(classCounts[e][c], perExpert[e], classTotals[c], n);
            }
            List<TokenCount> seen = new ArrayList<>();
            for (int id = 0; id < v; id++) {
                long k = perExpertToken[e * v + id];
                if (k > 0) {
                    seen.add(new TokenCount(id, classes.piece(id), k, perToken[id], lift(k, perExpert[e], perToken[id], n)));
                }
            }
            List<TokenCount> frequent = seen.stream().sorted(Comparator.comparingLong(TokenCount::inExpert).reversed()
                    .thenComparingInt(TokenCount::id)).limit(top).toList();
            List<TokenCount> lifted = seen.stream().filter(t -> t.inExpert() >= minCount)
                    .sorted(Comparator.comparingDouble(TokenCount::lift).reversed()
                            .thenComparing(Comparator.comparingLong(TokenCount::inExpert).reversed())
                            .thenComparingInt(TokenCount::id)).limit(top).toList();
            double[] share = new double[nc];
            for (int c = 0; c < nc; c++) {
                share[c] = perExpert[e] == 0 ? 0 : (double) classCounts[e][c] / perExpert[e];
            }
            profiles.add(new ExpertProfile(e, perExpert[e], n == 0 ? 0 : (double) perExpert[e] / n, frequent, lifted,
                    verdict(perExpert[e], share, lift[e])));
        }
        return new Specialization(layer, experts, n, profiles, classCounts, classTotals, lift);
    }

    /** {@code (inGroup / groupSize) / (total / n)}, 0 when either rate is undefined. */
    public static double lift(long inGroup, long groupSize, long total, long n) {
        if (groupSize == 0 || total == 0 || n == 0) {
            return 0;
        }
        return ((double) inGroup / groupSize) / ((double) total / n);
    }

    /**
     * A sentence from the numbers: "unused" without tokens; "mostly C" when one class is at least half
     * of its tokens at a lift of at least 1.25; "leans to C" when a class that is at least a tenth of
     * its tokens has a lift of at least 1.5; otherwise "generalist".
     *
     * @param share class shares of the expert's tokens (class order)
     * @param lift class lifts (class order)
     */
    public static String verdict(long tokens, double[] share, double[] lift) {
        if (tokens == 0) {
            return "unused: it is no token's top expert in the sample";
        }
        TokenClass[] all = TokenClass.values();
        int dominant = 0;
        for (int c = 1; c < share.length; c++) {
            if (share[c] > share[dominant]) {
                dominant = c;
            }
        }
        if (share[dominant] >= 0.5 && lift[dominant] >= 1.25) {
            return String.format(Locale.ROOT, "mostly %s (%.0f%% of its tokens, %.1fx the base rate)",
                    all[dominant].label(), 100 * share[dominant], lift[dominant]);
        }
        int leaning = -1;
        for (int c = 0; c < share.length; c++) {
            if (share[c] >= 0.1 && lift[c] >= 1.5 && (leaning < 0 || lift[c] > lift[leaning])) {
                leaning = c;
            }
        }
        if (leaning >= 0) {
            return String.format(Locale.ROOT, "leans to %s (%.1fx the base rate, %.0f%% of its tokens)",
                    all[leaning].label(), lift[leaning], 100 * share[leaning]);
        }
        return "generalist: no token class reaches 1.5x its base rate";
    }

    /** The lift row of one expert (a copy). */
    public double[] liftRow(int expert) {
        return Arrays.copyOf(classLift[expert], classLift[expert].length);
    }
}
