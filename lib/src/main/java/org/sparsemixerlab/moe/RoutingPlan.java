package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * Everything a routing algorithm decided for one MoE call: the discrete table (which token sits in
 * which expert slot, computed in plain Java) plus the differentiable NDArrays (probabilities,
 * losses) from which dispatch and combine tensors are derived on demand. Produced by a {@link
 * Routing} (usually through {@link AbstractRouting}); no parameters, no randomness.
 *
 * <p>NDArrays live in the manager of the router logits. Combine weights are the raw softmax
 * probabilities at the kept slots and carry gradient back to the logits.
 *
 * @param spec what the algorithm was asked to do (its name, capacity factor, k, BPR)
 * @param capacity C, slots per expert and group
 * @param logits router logits {@code [G, T, E]}
 * @param probabilities softmax of the logits over experts {@code [G, T, E]}
 * @param table the discrete routing decisions
 * @param auxLoss scalar load-balancing loss (0 for experts-choose)
 * @param zLoss scalar router z-loss
 */
public record RoutingPlan(RoutingSpec spec, int capacity, NDArray logits, NDArray probabilities, RoutingTable table,
        NDArray auxLoss, NDArray zLoss) {

    /** Which algorithm made the plan. */
    public RoutingAlgorithm algorithm() { return spec.algorithm(); }

    /** The spec's k (used by top-k rules, ignored by experts-choose). */
    public int k() { return spec.k(); }

    /** The spec's batch-prioritized flag (used by tokens-choose). */
    public boolean batchPrioritized() { return spec.batchPrioritized(); }

    public int groups() { return table.groups(); }

    public int tokensPerGroup() { return table.tokensPerGroup(); }

    public int experts() { return table.experts(); }

    // ---------------------------------------------------------------- plain-Java views

    /** All pairings (kept and dropped) in queue or slot order. */
    public List<Assignment> assignments() { return table.assignments(); }

    /** Pairings of one group. */
    public List<Assignment> assignments(int group) {
        List<Assignment> out = new ArrayList<>();
        for (Assignment a : table.assignments()) {
            if (a.group() == group) {
                out.add(a);
            }
        }
        return out;
    }

    /** Pairings dropped because the expert was full (tokens-choose). */
    public List<Assignment> droppedAssignments() {
        return table.assignments().stream().filter(Assignment::dropped).toList();
    }

    /** Kept pairings of token t in group g, in choice order. */
    public List<Assignment> assignmentsOf(int group, int token) {
        return table.assignments().stream().filter(a -> a.group() == group && a.token() == token && !a.dropped())
                .sorted((a, b) -> Integer.compare(a.choice(), b.choice())).toList();
    }

    /** Token held by each slot, {@code [G][E][C]}, -1 when empty. */
    public int[][][] slotTokens() {
        int g = groups();
        int e = experts();
        int c = capacity;
        int[][][] out = new int[g][e][c];
        for (int gi = 0; gi < g; gi++) {
            for (int ei = 0; ei < e; ei++) {
                for (int ci = 0; ci < c; ci++) {
                    out[gi][ei][ci] = table.slotTokenAt((ei * g + gi) * c + ci);
                }
            }
        }
        return out;
    }

    /** Kept assignments per group and expert {@code [G][E]}. */
    public int[][] expertLoad() { return table.expertLoad(); }

    /** Routable tokens with no kept assignment, per group. */
    public int[][] tokensLeftBehind() { return table.tokensLeftBehind(); }

    /** 1 - (routable tokens with at least one kept assignment) / (routable tokens). */
    public double fractionLeftBehind() {
        int left = 0;
        for (int[] g : table.tokensLeftBehind()) {
            left += g.length;
        }
        int n = table.routableTokens();
        return n == 0 ? 0 : (double) left / n;
    }

    /** Kept assignments / (E * C * G); 1 for experts-choose whenever every slot can be filled. */
    public double expertUsage() {
        return (double) keptCount() / ((long) experts() * capacity * groups());
    }

    /** Sum of the kept combine weights / number of kept assignments (0 when nothing is kept). */
    public double routerConfidence() {
        double sum = 0;
        int n = 0;
        for (Assignment a : table.assignments()) {
            if (!a.dropped()) {
                sum += a.weight();
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    private int keptCount() {
        int n = 0;
        for (Assignment a : table.assignments()) {
            n += a.dropped() ? 0 : 1;
        }
        return n;
    }

    /** The five diagnostics; reads the two loss scalars off the native side. */
    public RoutingMetrics metrics() {
        return new RoutingMetrics(auxLoss.getFloat(), zLoss.getFloat(), fractionLeftBehind(), expertUsage(),
                routerConfidence());
    }

    // ---------------------------------------------------------------- dense (MASK) form

    /** 0/1 dispatch tensor {@code [G, T, E, C]} (float32, constant). */
    public NDArray dispatchMask() {
        int g = groups();
        int t = tokensPerGroup();
        int e = experts();
        int c = capacity;
        float[] d = new float[g * t * e * c];
        for (int gi = 0; gi < g; gi++) {
            for (int ei = 0; ei < e; ei++) {
                for (int ci = 0; ci < c; ci++) {
                    int tok = table.slotTokenAt((ei * g + gi) * c + ci);
                    if (tok >= 0) {
                        d[((gi * t + tok) * e + ei) * c + ci] = 1f;
                    }
                }
            }
        }
        return manager().create(d, new Shape(g, t, e, c));
    }

    /** Combine tensor {@code [G, T, E, C]} = dispatch mask times probabilities (differentiable). */
    public NDArray combineWeights() {
        return dispatchMask().mul(probabilities.expandDims(3));
    }

    // ---------------------------------------------------------------- INDEX form

    /**
     * Flat token index ({@code g * T + t}) feeding each expert slot, int64 {@code [E * G * C]} in
     * {@code [E, G, C]} order. Empty slots point at token 0 of their group; their combine weight is 0.
     */
    public NDArray dispatchIndex() {
        int g = groups();
        int c = capacity;
        int t = tokensPerGroup();
        long[] idx = new long[experts() * g * c];
        for (int i = 0; i < idx.length; i++) {
            int gi = (i / c) % g;
            int tok = table.slotTokenAt(i);
            idx[i] = (long) gi * t + Math.max(tok, 0);
        }
        return manager().create(idx, new Shape(idx.length));
    }

    /** Most kept assignments of any token, m (at least 1). */
    public int maxAssignmentsPerToken() { return table.maxAssignmentsPerToken(); }

    /**
     * The INDEX-form combine tables, with tokens ordered by how many kept assignments they have
     * (most first, then by flat token id). Gathering {@code slots} from the expert outputs and
     * scaling by {@code weights} gives every kept contribution exactly once, consecutive per token;
     * token block i holds {@code sizes[i]} tokens with {@code counts[i]} contributions each, so a
     * reshape to {@code [sizes[i], counts[i], D]} and a sum over axis 1 yield their outputs. Tokens
     * with no assignment come last ({@code zeroTokens} of them, output 0). Gathering the stacked
     * outputs at {@code inverseOrder} restores flat token order. No scatter-add and no padding.
     *
     * @param slots flat expert-slot ids {@code (e * G + g) * C + c}, int64 {@code [K]}, K = kept assignments
     * @param weights router probabilities of those assignments {@code [K]} (differentiable)
     * @param counts contributions per token of each block, descending, all at least 1
     * @param sizes tokens per block
     * @param zeroTokens tokens without any kept assignment
     * @param inverseOrder int64 {@code [G * T]}: row of each flat token in the block order
     */
    public record GroupedCombine(NDArray slots, NDArray weights, int[] counts, int[] sizes, int zeroTokens,
            NDArray inverseOrder) {}

    /** The INDEX-form combine tables; see {@link GroupedCombine}. */
    public GroupedCombine groupedCombine() {
        int m = table.maxAssignmentsPerToken();
        int e = experts();
        int[] slots = table.tokenSlotsShared();
        int[] ex = table.tokenExpertsShared();
        int tokens = slots.length / m;
        int[] count = new int[tokens];
        int[] perCount = new int[m + 1];
        int kept = 0;
        for (int i = 0; i < tokens; i++) {
            while (count[i] < m && slots[i * m + count[i]] >= 0) {
                count[i]++;
            }
            perCount[count[i]]++;
            kept += count[i];
        }
        // Start row of each count block in the order m, m-1, ..., 1, 0.
        int[] start = new int[m + 1];
        int row = 0;
        for (int c = m; c >= 0; c--) {
            start[c] = row;
            row += perCount[c];
        }
        long[] order = new long[tokens];
        long[] slot = new long[kept];
        long[] prob = new long[kept];
        int[] next = start.clone();
        int[] contribStart = new int[m + 1];
        int at = 0;
        for (int c = m; c >= 1; c--) {
            contribStart[c] = at;
            at += perCount[c] * c;
        }
        int[] nextContrib = contribStart.clone();
        for (int i = 0; i < tokens; i++) {
            int c = count[i];
            order[i] = next[c]++;
            for (int j = 0; j < c; j++) {
                int k = nextContrib[c]++;
                slot[k] = slots[i * m + j];
                prob[k] = (long) i * e + ex[i * m + j];
            }
        }
        int blocks = 0;
        for (int c = m; c >= 1; c--) {
            blocks += perCount[c] > 0 ? 1 : 0;
        }
        int[] counts = new int[blocks];
        int[] sizes = new int[blocks];
        int b = 0;
        for (int c = m; c >= 1; c--) {
            if (perCount[c] > 0) {
                counts[b] = c;
                sizes[b++] = perCount[c];
            }
        }
        NDManager mgr = manager();
        NDArray w = org.sparsemixerlab.tensor.RowGather.rows(probabilities.reshape(-1), mgr.create(prob, new Shape(kept)));
        return new GroupedCombine(mgr.create(slot, new Shape(kept)), w, counts, sizes, perCount[0],
                mgr.create(order, new Shape(tokens)));
    }

    private NDManager manager() {
        return logits.getManager();
    }

    static NDArray tokenWeights(NDManager manager, boolean[] routable, int groups, int tokens) {
        if (routable == null) {
            return null;
        }
        float[] w = new float[routable.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = routable[i] ? 1f : 0f;
        }
        return manager.create(w, new Shape(groups, tokens));
    }

    static void checkLogits(NDArray logits) {
        if (logits.getShape().dimension() != 3 || logits.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("router logits must be float32 [GROUPS, TOKENS, EXPERTS]; got "
                    + logits.getDataType() + " " + logits.getShape() + ". Reshape to [G, T, E] and cast to float32.");
        }
    }
}
