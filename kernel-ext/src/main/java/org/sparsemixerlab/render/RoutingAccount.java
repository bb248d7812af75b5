package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.sparsemixerlab.moe.Assignment;
import org.sparsemixerlab.moe.RoutingTrace;

/**
 * Where the expert slots of one routing went, with real tokens and padding counted apart: the one
 * definition of "left behind" the heatmaps, {@code %experts} and its table share. A real token is
 * left behind when no expert processed it; padding positions are counted separately and never
 * called left behind. Also the router's own preference (the expert with the highest router
 * probability of every real token) and its confidence against a uniform router.
 *
 * @param realTokens real (non-padding) positions counted
 * @param realLeftBehind real tokens no expert processed
 * @param padding padding positions counted
 * @param paddingUnprocessed padding positions no expert processed
 * @param paddingSlots kept pairings (expert slots) taken by padding
 * @param keptSlots kept pairings of all positions counted
 * @param slots expert slots of the groups counted (E * C * groups)
 * @param paddingExcluded whether padding was kept out of routing (it then takes no slot)
 * @param confidence mean top-1 router probability over the real tokens (NaN when no logits)
 * @param firstChoice real tokens whose highest router probability is expert e {@code [E]}
 */
public record RoutingAccount(int realTokens, int realLeftBehind, int padding, int paddingUnprocessed,
        int paddingSlots, int keptSlots, int slots, boolean paddingExcluded, double confidence, int[] firstChoice) {

    /** A router this close to uniform (this share of the way from 1/E to 1) is called close to uniform. */
    public static final double CLOSE_TO_UNIFORM = 0.25;

    public RoutingAccount {
        firstChoice = firstChoice.clone();
    }

    /**
     * The account of one example (or of every example when {@code example < 0}) of a routing.
     *
     * @param assignments every pairing of the routing (kept and dropped)
     * @param real flat {@code [BATCH * SEQ]}, true for real tokens; null = every position is real
     * @param logits router logits flat {@code [G, T, E]}, or null
     */
    public static RoutingAccount of(List<Assignment> assignments, int groups, int tokensPerGroup, int seq, int example,
            int experts, int capacity, boolean[] real, float[] logits, boolean paddingExcluded) {
        int positions = groups * tokensPerGroup;
        boolean[] kept = new boolean[positions];
        int[] slotsTaken = new int[positions];
        for (Assignment a : assignments) {
            if (!a.dropped()) {
                int flat = a.group() * tokensPerGroup + a.token();
                kept[flat] = true;
                slotsTaken[flat]++;
            }
        }
        int realTokens = 0;
        int realLeft = 0;
        int padding = 0;
        int padLeft = 0;
        int padSlots = 0;
        int keptSlots = 0;
        double confSum = 0;
        int[] first = new int[experts];
        Set<Integer> groupsSeen = new TreeSet<>();
        for (int flat = 0; flat < positions; flat++) {
            if (example >= 0 && flat / seq != example) {
                continue;
            }
            groupsSeen.add(flat / tokensPerGroup);
            keptSlots += slotsTaken[flat];
            if (real == null || real[flat]) {
                realTokens++;
                realLeft += kept[flat] ? 0 : 1;
                if (logits != null) {
                    int best = 0;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int e = 0; e < experts; e++) {
                        if (logits[flat * experts + e] > max) {
                            max = logits[flat * experts + e];
                            best = e;
                        }
                    }
                    double z = 0;
                    for (int e = 0; e < experts; e++) {
                        z += Math.exp(logits[flat * experts + e] - max);
                    }
                    confSum += 1 / z;
                    first[best]++;
                }
            } else {
                padding++;
                padLeft += kept[flat] ? 0 : 1;
                padSlots += slotsTaken[flat];
            }
        }
        double conf = logits == null || realTokens == 0 ? Double.NaN : confSum / realTokens;
        return new RoutingAccount(realTokens, realLeft, padding, padLeft, padSlots, keptSlots,
                capacity * experts * groupsSeen.size(), paddingExcluded, conf, first);
    }

    /** The account of one example of a recorded layer, padding as the trace knows it. */
    public static RoutingAccount of(RoutingTrace trace, RoutingTrace.Layer layer, int example) {
        return of(layer.assignments(), layer.groups(), layer.tokensPerGroup(), layer.seq(), example, layer.experts(),
                layer.capacity(), trace.realTokenMask(), layer.logits(), layer.paddingExcluded());
    }

    /**
     * The account of the first traced example under a re-routing {@code plan} of {@code layer}'s
     * recorded logits (e.g. {@code layer.reroute(manager, spec)}); padding as the trace knows it.
     */
    public static RoutingAccount of(RoutingTrace trace, RoutingTrace.Layer layer,
            org.sparsemixerlab.moe.RoutingPlan plan) {
        return of(plan.assignments(), plan.groups(), plan.tokensPerGroup(), layer.seq(), 0, plan.experts(),
                plan.capacity(), trace.realTokenMask(), layer.logits(), layer.paddingExcluded());
    }

    /** Number of experts. */
    public int experts() {
        return firstChoice.length;
    }

    /** The confidence of a uniform router, 1/E. */
    public double uniform() {
        return 1.0 / experts();
    }

    /** Whether the mean top-1 probability lies within {@link #CLOSE_TO_UNIFORM} of the way from 1/E to 1. */
    public boolean closeToUniform() {
        return Double.isFinite(confidence) && confidence - uniform() < CLOSE_TO_UNIFORM * (1 - uniform());
    }

    /** Fraction of the real tokens left behind (0 when there is none). */
    public double realLeftBehindFraction() {
        return realTokens == 0 ? 0 : (double) realLeftBehind / realTokens;
    }

    /** E.g. {@code 3 of 15 real tokens left behind}. */
    public String leftBehindText() {
        return realLeftBehind + " of " + realTokens + " real tokens left behind";
    }

    /**
     * What the padding did, e.g. {@code padding routed: 38 of 64 expert slots went to [PAD] (49
     * padding positions)}; empty when there is no padding.
     */
    public String paddingText() {
        if (padding == 0) {
            return "";
        }
        if (paddingExcluded) {
            return padding + " [PAD] positions kept out of routing (exclude_padding_from_routing): they took no slot";
        }
        return String.format(Locale.ROOT, "padding routed: %d of %d expert slots went to [PAD] (%d padding positions;"
                + " %d real-token pairings kept)", paddingSlots, slots, padding, keptSlots - paddingSlots);
    }

    /**
     * The router's confidence against uniform, e.g. {@code router confidence 0.28 (mean top-1
     * probability of 15 real tokens) vs 0.25 for a uniform router: close to uniform, no clear
     * preference learned}; empty without logits.
     */
    public String confidenceText() {
        if (!Double.isFinite(confidence)) {
            return "";
        }
        return String.format(Locale.ROOT, "router confidence %.2f (mean top-1 probability of %d real tokens) vs %.2f"
                + " for a uniform router over %d experts: %s", confidence, realTokens, uniform(), experts(),
                closeToUniform() ? "close to uniform, no clear preference learned"
                        : "clearly above uniform");
    }

    /**
     * The router's own preference in words, e.g. {@code router's first choice: e0 9, e1 2, e2 4,
     * e3 0 of 15 real tokens; expert 3 is no token's first choice}.
     */
    public String firstChoiceText() {
        if (!Double.isFinite(confidence)) {
            return "";
        }
        StringBuilder sb = new StringBuilder("router's first choice:");
        for (int e = 0; e < experts(); e++) {
            sb.append(e == 0 ? " e" : ", e").append(e).append(' ').append(firstChoice[e]);
        }
        sb.append(" of ").append(realTokens).append(" real tokens");
        List<String> notes = new ArrayList<>();
        List<Integer> none = new ArrayList<>();
        for (int e = 0; e < experts(); e++) {
            if (firstChoice[e] == 0) {
                none.add(e);
            }
            if (realTokens >= 4 && 2 * firstChoice[e] > realTokens) {
                double share = (double) firstChoice[e] / realTokens;
                notes.add(String.format(Locale.ROOT, "preference %s expert %d (%.0f%%)",
                        share >= 0.9 ? "collapsed onto" : "concentrated on", e, 100 * share));
            }
        }
        if (!none.isEmpty()) {
            notes.add((none.size() == 1 ? "expert " : "experts ") + join(none) + " "
                    + (none.size() == 1 ? "is" : "are") + " no token's first choice");
        }
        return notes.isEmpty() ? sb.toString() : sb.append("; ").append(String.join("; ", notes)).toString();
    }

    private static String join(List<Integer> xs) {
        return String.join(", ", xs.stream().map(String::valueOf).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingAccount a && a.realTokens == realTokens && a.realLeftBehind == realLeftBehind
                && a.padding == padding && a.paddingUnprocessed == paddingUnprocessed && a.paddingSlots == paddingSlots
                && a.keptSlots == keptSlots && a.slots == slots && a.paddingExcluded == paddingExcluded
                && Double.compare(a.confidence, confidence) == 0 && Arrays.equals(a.firstChoice, firstChoice);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(firstChoice) * 31 + realTokens * 7 + padding;
    }

    @Override
    public String toString() {
        return leftBehindText() + "; " + paddingText() + "; " + confidenceText();
    }
}
