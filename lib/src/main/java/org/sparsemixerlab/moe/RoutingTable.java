package org.sparsemixerlab.moe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The discrete part of a routing decision, computed in plain Java from router probabilities
 * {@code [GROUPS, TOKENS, EXPERTS]} flattened row-major. Immutable; the arrays returned by the
 * accessors are copies.
 *
 * <p>Expert buffers are laid out {@code [EXPERTS, GROUPS, CAPACITY]}: flat slot id {@code
 * (e * G + g) * C + c}, so the expert inputs are {@code [E, G*C, D_MODEL]} without a transpose.
 */
public final class RoutingTable {
    private final int groups;
    private final int tokens;
    private final int experts;
    private final int capacity;
    private final int[] slotToken;          // [E*G*C] token index in its group, -1 when empty
    private final List<Assignment> assignments;
    private final int maxPerToken;          // m: most kept assignments of any token (at least 1)
    private final int[] tokenSlots;         // [G*T*m] flat slot id of kept assignments, -1 padding
    private final int[] tokenExperts;       // [G*T*m] expert of kept assignments, -1 padding
    private final float[] choiceMask;       // [G*T*E] top-k choices before dropping, null for experts-choose
    private final boolean[] routable;       // [G*T] or null when every token is routable

    private RoutingTable(int groups, int tokens, int experts, int capacity, int[] slotToken,
            List<Assignment> assignments, float[] choiceMask, boolean[] routable) {
        this.routable = routable == null ? null : routable.clone();
        this.groups = groups;
        this.tokens = tokens;
        this.experts = experts;
        this.capacity = capacity;
        this.slotToken = slotToken;
        this.assignments = Collections.unmodifiableList(assignments);
        this.choiceMask = choiceMask;
        int[] count = new int[groups * tokens];
        int m = 1;
        for (Assignment a : assignments) {
            if (!a.dropped()) {
                m = Math.max(m, ++count[a.group() * tokens + a.token()]);
            }
        }
        this.maxPerToken = m;
        this.tokenSlots = new int[groups * tokens * m];
        this.tokenExperts = new int[groups * tokens * m];
        Arrays.fill(tokenSlots, -1);
        Arrays.fill(tokenExperts, -1);
        Arrays.fill(count, 0);
        for (Assignment a : assignments) {
            if (!a.dropped()) {
                int gt = a.group() * tokens + a.token();
                int at = gt * m + count[gt]++;
                tokenSlots[at] = (a.expert() * groups + a.group()) * capacity + a.slot();
                tokenExperts[at] = a.expert();
            }
        }
    }

    /**
     * Experts-choose (SPEC 2.5): every expert takes the {@code capacity} tokens of the group with
     * the largest probability, in descending order (slot = rank), lower token index first on ties.
     * Tokens that are not routable never get a slot; when fewer routable tokens than slots exist the
     * remaining slots stay empty.
     *
     * @param probs router probabilities, flat {@code [G, T, E]}
     * @param routable flat {@code [G, T]}, false for tokens kept out of routing; null = all routable
     */
    public static RoutingTable expertsChoose(float[] probs, int groups, int tokens, int experts, int capacity,
            boolean[] routable) {
        checkShape(probs, groups, tokens, experts, capacity, routable);
        int[] slotToken = new int[experts * groups * capacity];
        Arrays.fill(slotToken, -1);
        List<Assignment> list = new ArrayList<>();
        long[] keys = new long[tokens];
        for (int g = 0; g < groups; g++) {
            int base = g * tokens;
            for (int e = 0; e < experts; e++) {
                int n = 0;
                for (int t = 0; t < tokens; t++) {
                    if (routable == null || routable[base + t]) {
                        keys[n++] = descendingKey(probs[(base + t) * experts + e], t);
                    }
                }
                // Ascending keys = descending probability, then ascending token index (ties).
                Arrays.sort(keys, 0, n);
                for (int c = 0; c < Math.min(n, capacity); c++) {
                    int t = (int) keys[c];
                    slotToken[(e * groups + g) * capacity + c] = t;
                    list.add(new Assignment(g, t, e, 0, c, probs[(base + t) * experts + e], false));
                }
            }
        }
        // choice = rank among the experts that picked the token (descending weight, lower expert first)
        List<Assignment> ranked = new ArrayList<>(list.size());
        List<List<Assignment>> perToken = new ArrayList<>();
        for (int i = 0; i < groups * tokens; i++) {
            perToken.add(new ArrayList<>());
        }
        for (Assignment a : list) {
            perToken.get(a.group() * tokens + a.token()).add(a);
        }
        for (List<Assignment> own : perToken) {
            own.sort((a, b) -> a.weight() != b.weight() ? Float.compare(b.weight(), a.weight())
                    : Integer.compare(a.expert(), b.expert()));
            for (int r = 0; r < own.size(); r++) {
                Assignment a = own.get(r);
                ranked.add(new Assignment(a.group(), a.token(), a.expert(), r, a.slot(), a.weight(), false));
            }
        }
        ranked.sort((a, b) -> a.group() != b.group() ? Integer.compare(a.group(), b.group())
                : a.expert() != b.expert() ? Integer.compare(a.expert(), b.expert()) : Integer.compare(a.slot(), b.slot()));
        return new RoutingTable(groups, tokens, experts, capacity, slotToken, ranked, null, routable);
    }

    /**
     * Tokens-choose top-k (SPEC 2.6): each token picks its k most probable experts (lower expert
     * index first on ties). Tokens are processed left to right or, with batch-prioritized routing,
     * by descending top-1 probability (stable: lower token index first on ties). All first choices
     * are queued before any second choice; a choice's slot is the number of earlier queue entries for
     * the same expert, and it is dropped when that slot is {@code >= capacity}.
     *
     * @param probs router probabilities, flat {@code [G, T, E]}
     * @param routable flat {@code [G, T]}, false for tokens kept out of routing; null = all routable
     */
    public static RoutingTable tokensChoose(float[] probs, int groups, int tokens, int experts, int capacity,
            int k, boolean batchPrioritized, boolean[] routable) {
        checkShape(probs, groups, tokens, experts, capacity, routable);
        if (k < 1 || k > experts) {
            throw new IllegalArgumentException("tokens-choose needs 1 <= k <= experts; got k=" + k
                    + " with " + experts + " experts. Set num_selected_experts accordingly.");
        }
        int[] slotToken = new int[experts * groups * capacity];
        Arrays.fill(slotToken, -1);
        float[] choiceMask = new float[groups * tokens * experts];
        List<Assignment> list = new ArrayList<>();
        int[][] choice = new int[tokens][k];
        int[] order = new int[tokens];
        long[] keys = new long[Math.max(tokens, experts)];
        for (int g = 0; g < groups; g++) {
            int base = g * tokens;
            int n = 0;
            for (int t = 0; t < tokens; t++) {
                int row = (base + t) * experts;
                for (int e = 0; e < experts; e++) {
                    keys[e] = descendingKey(probs[row + e], e);
                }
                Arrays.sort(keys, 0, experts);
                for (int j = 0; j < k; j++) {
                    choice[t][j] = (int) keys[j];
                }
                if (routable == null || routable[base + t]) {
                    order[n++] = t;
                    for (int j = 0; j < k; j++) {
                        choiceMask[row + choice[t][j]] = 1f;
                    }
                }
            }
            if (batchPrioritized) {
                for (int i = 0; i < n; i++) {
                    int t = order[i];
                    keys[i] = descendingKey(probs[(base + t) * experts + choice[t][0]], t);
                }
                Arrays.sort(keys, 0, n);
                for (int i = 0; i < n; i++) {
                    order[i] = (int) keys[i];
                }
            }
            int[] fill = new int[experts];
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < n; i++) {
                    int t = order[i];
                    int e = choice[t][j];
                    int slot = fill[e]++;
                    boolean dropped = slot >= capacity;
                    if (!dropped) {
                        slotToken[(e * groups + g) * capacity + slot] = t;
                    }
                    list.add(new Assignment(g, t, e, j, slot, probs[(base + t) * experts + e], dropped));
                }
            }
        }
        return new RoutingTable(groups, tokens, experts, capacity, slotToken, list, choiceMask, routable);
    }

    /**
     * Sort key whose ascending order is descending probability, then ascending index. Probabilities
     * are non-negative, so their IEEE bits order like the values.
     */
    private static long descendingKey(float probability, int index) {
        int bits = Float.floatToIntBits(probability + 0.0f); // folds -0.0 into +0.0
        return ((long) (Integer.MAX_VALUE - bits) << 32) | index;
    }

    private static void checkShape(float[] probs, int groups, int tokens, int experts, int capacity,
            boolean[] routable) {
        if (groups <= 0 || tokens <= 0 || experts <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("routing needs positive groups, tokens, experts and capacity; got G="
                    + groups + ", T=" + tokens + ", E=" + experts + ", C=" + capacity + ".");
        }
        if (probs.length != groups * tokens * experts) {
            throw new IllegalArgumentException("expected " + groups * tokens * experts + " probabilities ([G="
                    + groups + ", T=" + tokens + ", E=" + experts + "]) but got " + probs.length + ".");
        }
        if (routable != null && routable.length != groups * tokens) {
            throw new IllegalArgumentException("routable mask must have G*T=" + groups * tokens
                    + " entries but has " + routable.length + ".");
        }
    }

    public int groups() { return groups; }

    public int tokensPerGroup() { return tokens; }

    public int experts() { return experts; }

    public int capacity() { return capacity; }

    /** Most kept assignments of any single token (at least 1); the width of the combine tables. */
    public int maxAssignmentsPerToken() { return maxPerToken; }

    /** Every proposed pairing, kept and dropped, per group in queue order (tokens-choose) or by expert and slot. */
    public List<Assignment> assignments() { return assignments; }

    /** Token held by each expert slot, flat {@code [E, G, C]}, -1 when the slot is empty. */
    public int[] slotTokens() { return slotToken.clone(); }

    int slotTokenAt(int flatSlot) { return slotToken[flatSlot]; }

    /** Flat slot ids of each token's kept assignments, {@code [G*T, m]}, -1 padding. */
    public int[] tokenSlots() { return tokenSlots.clone(); }

    int[] tokenSlotsShared() { return tokenSlots; }

    int[] tokenExpertsShared() { return tokenExperts; }

    /** The top-k choice indicator {@code [G, T, E]} before dropping (tokens-choose), or null. */
    float[] choiceMaskShared() { return choiceMask; }

    /** Kept assignments per group and expert, {@code [G][E]}. */
    public int[][] expertLoad() {
        int[][] load = new int[groups][experts];
        for (Assignment a : assignments) {
            if (!a.dropped()) {
                load[a.group()][a.expert()]++;
            }
        }
        return load;
    }

    /** Whether token t of group g takes part in routing (false only for excluded padding). */
    public boolean isRoutable(int group, int token) {
        return routable == null || routable[group * tokens + token];
    }

    /** Number of tokens that take part in routing. */
    public int routableTokens() {
        int n = 0;
        for (int g = 0; g < groups; g++) {
            for (int t = 0; t < tokens; t++) {
                n += isRoutable(g, t) ? 1 : 0;
            }
        }
        return n;
    }

    /** Routable tokens of each group with no kept assignment, ascending, {@code [G][...]}. */
    public int[][] tokensLeftBehind() {
        int[][] out = new int[groups][];
        for (int g = 0; g < groups; g++) {
            int[] list = new int[tokens];
            int n = 0;
            for (int t = 0; t < tokens; t++) {
                if (isRoutable(g, t) && tokenSlots[(g * tokens + t) * maxPerToken] < 0) {
                    list[n++] = t;
                }
            }
            out[g] = Arrays.copyOf(list, n);
        }
        return out;
    }
}
