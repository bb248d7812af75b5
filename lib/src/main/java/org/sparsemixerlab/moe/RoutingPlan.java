package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.config.RoutingAlgorithm;

/**
 * Everything a routing algorithm decided for one MoE call: the discrete table (which token sits in
 * which expert slot, computed in plain Java) plus the differentiable NDArrays (probabilities,
 * losses) from which dispatch and combine tensors are derived on demand. Produced by {@link
 * ExpertsChooseRouting#route} and {@link TokensChooseRouting#route}; no parameters, no randomness.
 *
 * <p>NDArrays live in the manager of the router logits. Combine weights are the raw softmax
 * probabilities at the kept slots and carry gradient back to the logits.
 *
 * @param algorithm which algorithm made the plan
 * @param capacity C, slots per expert and group
 * @param k selected experts per token (tokens-choose); 0 for experts-choose
 * @param batchPrioritized whether tokens-choose used batch-prioritized order
 * @param logits router logits {@code [G, T, E]}
 * @param probabilities softmax of the logits over experts {@code [G, T, E]}
 * @param table the discrete routing decisions
 * @param auxLoss scalar load-balancing loss (0 for experts-choose)
 * @param zLoss scalar router z-loss
 */
public record RoutingPlan(RoutingAlgorithm algorithm, int capacity, int k, boolean batchPrioritized, NDArray logits,
        NDArray probabilities, RoutingTable table, NDArray auxLoss, NDArray zLoss) {

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

    /** Most kept assignments of any token, m: the number of {@link #combineLayer combine layers}. */
    public int maxAssignmentsPerToken() { return table.maxAssignmentsPerToken(); }

    /**
     * One layer of the INDEX-form combine: the j-th kept assignment (in choice order) of every token
     * that has more than j of them.
     *
     * @param tokens flat token ids {@code g * T + t}, int64 {@code [n]}; for layer 0 all {@code G * T}
     *     tokens in order
     * @param slots flat expert-slot ids {@code (e * G + g) * C + c}, int64 {@code [n]}; tokens of layer
     *     0 without any assignment point at slot 0 with weight 0
     * @param weights combine weights {@code [n]} (router probabilities, differentiable)
     */
    public record CombineLayer(NDArray tokens, NDArray slots, NDArray weights) {}

    /**
     * Layer j of the INDEX-form combine. Layer 0 covers every token, so the combine is a gather for
     * layer 0 plus, per further layer, an indexed add at tokens that are unique within the layer: no
     * scatter-add and no padded {@code [G * T, m]} gather are needed.
     */
    public CombineLayer combineLayer(int j) {
        int m = table.maxAssignmentsPerToken();
        if (j < 0 || j >= m) {
            throw new IllegalArgumentException("combine layer must be in [0, " + m + "); got " + j + ".");
        }
        int e = experts();
        int[] slots = table.tokenSlotsShared();
        int[] ex = table.tokenExpertsShared();
        int tokens = slots.length / m;
        int n = 0;
        if (j == 0) {
            n = tokens;
        } else {
            for (int i = 0; i < tokens; i++) {
                n += slots[i * m + j] >= 0 ? 1 : 0;
            }
        }
        long[] tok = new long[n];
        long[] slot = new long[n];
        long[] prob = new long[n];
        float[] valid = new float[n];
        int at = 0;
        for (int i = 0; i < tokens; i++) {
            int s = slots[i * m + j];
            if (j == 0 || s >= 0) {
                tok[at] = i;
                slot[at] = Math.max(s, 0);
                prob[at] = (long) i * e + Math.max(ex[i * m + j], 0);
                valid[at] = s >= 0 ? 1f : 0f;
                at++;
            }
        }
        NDManager mgr = manager();
        NDArray w = probabilities.reshape(-1).get(new NDIndex("{}", mgr.create(prob, new Shape(n))));
        if (j == 0) {
            w = w.mul(mgr.create(valid, new Shape(n)));
        }
        return new CombineLayer(mgr.create(tok, new Shape(n)), mgr.create(slot, new Shape(n)), w);
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
