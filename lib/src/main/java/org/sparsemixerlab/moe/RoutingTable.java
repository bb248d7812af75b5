package org.sparsemixerlab.moe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The discrete part of a routing decision, computed in plain Java from router probabilities
 * {@code [GROUPS, TOKENS, EXPERTS]} flattened row-major and stated through {@link #builder}.
 * Immutable; the arrays returned by the accessors are copies.
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
     * A builder for a table of {@code groups} x {@code tokens} tokens, {@code experts} experts and
     * {@code capacity} slots per expert and group: the way any routing algorithm states its
     * decisions. Assignments keep the order in which they are added.
     */
    public static Builder builder(int groups, int tokens, int experts, int capacity) {
        return new Builder(groups, tokens, experts, capacity);
    }

    /**
     * Collects the pairings of one routing call. Two ways to place a token: {@link #offer} takes the
     * expert's next free slot (and records a dropped pairing when the expert is full, as
     * tokens-choose does), {@link #place} names the slot. {@link #choose} records a top-k choice
     * before dropping; a table with choices gets the load-balancing loss (SPEC 2.9) from {@link
     * AbstractRouting}, one without gets 0. Not thread-safe; {@link #build} once.
     */
    public static final class Builder {
        private final int groups;
        private final int tokens;
        private final int experts;
        private final int capacity;
        private final int[] slotToken;
        private final int[] fill;          // [G*E] next free slot of offer()
        private final List<Assignment> assignments = new ArrayList<>();
        private float[] choiceMask;
        private boolean[] routable;

        private Builder(int groups, int tokens, int experts, int capacity) {
            checkShape(groups, tokens, experts, capacity);
            this.groups = groups;
            this.tokens = tokens;
            this.experts = experts;
            this.capacity = capacity;
            this.slotToken = new int[experts * groups * capacity];
            Arrays.fill(slotToken, -1);
            this.fill = new int[groups * experts];
        }

        /** Marks tokens kept out of routing, flat {@code [G*T]} (false = excluded); null = all routable. */
        public Builder routable(boolean[] mask) {
            if (mask != null && mask.length != groups * tokens) {
                throw new IllegalArgumentException("routable mask must have G*T=" + groups * tokens
                        + " entries but has " + mask.length + ".");
            }
            routable = mask == null ? null : mask.clone();
            return this;
        }

        /** Declares that this table records top-k choices, even if none is made (all tokens excluded). */
        public Builder recordChoices() {
            if (choiceMask == null) {
                choiceMask = new float[groups * tokens * experts];
            }
            return this;
        }

        /** Records that token t of group g chose expert e (before any capacity dropping). */
        public Builder choose(int group, int token, int expert) {
            check(group, token, expert);
            recordChoices();
            choiceMask[(group * tokens + token) * experts + expert] = 1f;
            return this;
        }

        /**
         * Gives token t of group g the next free slot of expert e; when the expert already holds C
         * tokens of the group, records a dropped pairing whose slot is the position it would have had.
         *
         * @param choice rank of the pairing among the token's pairings (0 = first)
         * @param weight the router probability {@code P[g, t, e]} (the combine weight when kept)
         * @return whether the token got a slot
         */
        public boolean offer(int group, int token, int expert, int choice, float weight) {
            check(group, token, expert);
            int slot = fill[group * experts + expert]++;
            boolean dropped = slot >= capacity;
            if (!dropped) {
                slotToken[(expert * groups + group) * capacity + slot] = token;
            }
            assignments.add(new Assignment(group, token, expert, choice, slot, weight, dropped));
            return !dropped;
        }

        /** Puts token t of group g into slot c of expert e; the slot must be empty. */
        public Builder place(int group, int token, int expert, int choice, int slot, float weight) {
            check(group, token, expert);
            if (slot < 0 || slot >= capacity) {
                throw new IllegalArgumentException("slot must lie in [0, " + capacity + "); got " + slot + ".");
            }
            int flat = (expert * groups + group) * capacity + slot;
            if (slotToken[flat] >= 0) {
                throw new IllegalArgumentException("slot " + slot + " of expert " + expert + " in group " + group
                        + " already holds token " + slotToken[flat] + "; each slot takes one token.");
            }
            slotToken[flat] = token;
            fill[group * experts + expert] = Math.max(fill[group * experts + expert], slot + 1);
            assignments.add(new Assignment(group, token, expert, choice, slot, weight, false));
            return this;
        }

        /** Slots of expert e in group g taken so far by {@link #offer} or {@link #place}. */
        public int load(int group, int expert) {
            return Math.min(capacity, fill[group * experts + expert]);
        }

        /** The table; assignments in the order added. */
        public RoutingTable build() {
            for (Assignment a : assignments) {
                if (routable != null && !routable[a.group() * tokens + a.token()]) {
                    throw new IllegalStateException("token " + a.token() + " of group " + a.group()
                            + " is excluded from routing but was given expert " + a.expert()
                            + "; skip tokens for which isRoutable is false.");
                }
            }
            return new RoutingTable(groups, tokens, experts, capacity, slotToken.clone(), new ArrayList<>(assignments),
                    choiceMask == null ? null : choiceMask.clone(), routable);
        }

        private void check(int group, int token, int expert) {
            if (group < 0 || group >= groups || token < 0 || token >= tokens || expert < 0 || expert >= experts) {
                throw new IndexOutOfBoundsException("(group, token, expert) must lie in [0, " + groups + ") x [0, "
                        + tokens + ") x [0, " + experts + "); got (" + group + ", " + token + ", " + expert + ").");
            }
        }
    }

    /**
     * Sort key whose ascending order is descending probability, then ascending index. Probabilities
     * are non-negative, so their IEEE bits order like the values.
     */
    static long descendingKey(float probability, int index) {
        int bits = Float.floatToIntBits(probability + 0.0f); // folds -0.0 into +0.0
        return ((long) (Integer.MAX_VALUE - bits) << 32) | index;
    }

    static void checkShape(int groups, int tokens, int experts, int capacity) {
        if (groups <= 0 || tokens <= 0 || experts <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("routing needs positive groups, tokens, experts and capacity; got G="
                    + groups + ", T=" + tokens + ", E=" + experts + ", C=" + capacity + ".");
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

    /** Whether the algorithm recorded top-k choices (then the load-balancing loss applies). */
    public boolean hasChoices() { return choiceMask != null; }

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
