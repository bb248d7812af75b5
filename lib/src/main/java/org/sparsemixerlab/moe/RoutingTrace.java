package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * Opt-in recorder of routing decisions. Pass it through a forward call's {@code params} under
 * {@link #PARAM_KEY} (see {@link #asParams()}); every {@link MoeFeedForward} then copies its router
 * logits and plan into plain Java arrays. Without a trace nothing is recorded or copied.
 *
 * <p>A recorded layer can be routed again under another algorithm, capacity factor, k or BPR
 * setting ({@link Layer#reroute}), which needs no model and no retraining. Not thread-safe.
 */
public final class RoutingTrace {
    /** Key of the trace in a forward call's {@code PairList<String, Object> params}. */
    public static final String PARAM_KEY = "org.sparsemixerlab.moe.RoutingTrace";

    private final List<Layer> layers = new ArrayList<>();
    private int[][] tokenIds;
    private boolean[][] realTokens;
    private int cutPieces;

    /** A params list holding only this trace, for {@code block.forward(ps, inputs, training, params)}. */
    public PairList<String, Object> asParams() {
        PairList<String, Object> p = new PairList<>();
        p.add(PARAM_KEY, this);
        return p;
    }

    /** The trace inside {@code params}, or null when absent. */
    public static RoutingTrace from(PairList<String, Object> params) {
        if (params == null) {
            return null;
        }
        Object o = params.get(PARAM_KEY);
        return o instanceof RoutingTrace t ? t : null;
    }

    /** Attaches the token ids {@code [BATCH][SEQ]} of the batch being traced (for labels). */
    public void setTokenIds(int[][] ids) {
        tokenIds = new int[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            tokenIds[i] = ids[i].clone();
        }
    }

    /** Attached token ids {@code [BATCH][SEQ]}, or null. */
    public int[][] tokenIds() { return tokenIds; }

    /** Token id at (example, position), or -1 when no ids are attached or the position is outside them. */
    public int tokenId(int example, int position) {
        if (tokenIds == null || example < 0 || example >= tokenIds.length || position < 0
                || position >= tokenIds[example].length) {
            return -1;
        }
        return tokenIds[example][position];
    }

    /**
     * Marks which positions {@code [BATCH][SEQ]} hold a real token (true) and which padding
     * (false), e.g. from the attention mask of the traced batch.
     */
    public void setRealTokens(boolean[][] real) {
        realTokens = new boolean[real.length][];
        for (int i = 0; i < real.length; i++) {
            realTokens[i] = real[i].clone();
        }
    }

    /** Whether padding positions are known ({@link #setRealTokens} was called). */
    public boolean knowsPadding() { return realTokens != null; }

    /** Whether (example, position) holds a real token; true for every position when padding is not known. */
    public boolean isReal(int example, int position) {
        if (realTokens == null || example < 0 || example >= realTokens.length || position < 0
                || position >= realTokens[example].length) {
            return true;
        }
        return realTokens[example][position];
    }

    /**
     * Flat {@code [BATCH * SEQ]} mask of the real tokens, the form {@link Layer#reroute(NDManager,
     * RoutingSpec, boolean[])} takes to keep padding out of routing; null when padding is not known.
     */
    public boolean[] realTokenMask() {
        if (realTokens == null) {
            return null;
        }
        int n = 0;
        for (boolean[] r : realTokens) {
            n += r.length;
        }
        boolean[] flat = new boolean[n];
        int i = 0;
        for (boolean[] r : realTokens) {
            System.arraycopy(r, 0, flat, i, r.length);
            i += r.length;
        }
        return flat;
    }

    /** Records how many word pieces of the traced text were cut to fit {@code max_seq_length}. */
    public void setCutPieces(int pieces) { cutPieces = Math.max(0, pieces); }

    /** Word pieces of the traced text cut to fit {@code max_seq_length} (0 when nothing was cut). */
    public int cutPieces() { return cutPieces; }

    /** Recorded layers in the order they ran. */
    public List<Layer> layers() { return Collections.unmodifiableList(layers); }

    /** The latest record of the MoE layer with this encoder layer index. */
    public Layer layer(int layerIndex) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            if (layers.get(i).layerIndex() == layerIndex) {
                return layers.get(i);
            }
        }
        List<Integer> have = layers.stream().map(Layer::layerIndex).toList();
        throw new IllegalArgumentException("no MoE layer " + layerIndex + " in this trace; recorded layers: " + have
                + ". Run a forward pass with this trace in params first.");
    }

    /** Forgets all records (token ids stay). */
    public void clear() { layers.clear(); }

    void record(int layerIndex, int batch, int seq, boolean[] routable, RoutingPlan plan) {
        float[] logits = plan.logits().toFloatArray();
        layers.add(new Layer(layerIndex, batch, seq, routable, logits, plan));
    }

    /** One MoE layer's routing during one forward pass, as plain Java data. */
    public static final class Layer {
        private final int layerIndex;
        private final int batch;
        private final int seq;
        private final RoutingSpec spec;
        private final boolean[] routable;
        private final float[] logits;
        private final int groups;
        private final int tokensPerGroup;
        private final int experts;
        private final int capacity;
        private final List<Assignment> assignments;
        private final int[][] expertLoad;
        private final RoutingMetrics metrics;

        Layer(int layerIndex, int batch, int seq, boolean[] routable, float[] logits, RoutingPlan plan) {
            this.layerIndex = layerIndex;
            this.batch = batch;
            this.seq = seq;
            this.spec = plan.spec();
            this.routable = routable == null ? null : routable.clone();
            this.logits = logits;
            this.groups = plan.groups();
            this.tokensPerGroup = plan.tokensPerGroup();
            this.experts = plan.experts();
            this.capacity = plan.capacity();
            this.assignments = plan.assignments();
            this.expertLoad = plan.expertLoad();
            this.metrics = plan.metrics();
        }

        public int layerIndex() { return layerIndex; }
        public int batch() { return batch; }
        public int seq() { return seq; }
        public int groups() { return groups; }
        public int tokensPerGroup() { return tokensPerGroup; }
        public int experts() { return experts; }
        /** The routing spec the layer ran under (algorithm, capacity factor and floor, k, BPR). */
        public RoutingSpec spec() { return spec; }
        public RoutingAlgorithm algorithm() { return spec.algorithm(); }
        public double capacityFactor() { return spec.capacityFactor(); }
        public int capacity() { return capacity; }
        public int k() { return spec.k(); }
        public boolean batchPrioritized() { return spec.batchPrioritized(); }
        public RoutingMetrics metrics() { return metrics; }

        /** Kept pairings per group and expert {@code [G][E]}. */
        public int[][] expertLoad() { return expertLoad.clone(); }

        /** All pairings (kept and dropped) of this layer. */
        public List<Assignment> assignments() { return assignments; }

        /** Router logits flat {@code [G, T, E]} (a copy). */
        public float[] logits() { return logits.clone(); }

        /** Router logits of one (example, position), {@code [E]}. */
        public float[] logitsAt(int example, int position) {
            int flat = flatToken(example, position);
            float[] out = new float[experts];
            System.arraycopy(logits, flat * experts, out, 0, experts);
            return out;
        }

        /** Pairings (kept and dropped) of one (example, position). */
        public List<Assignment> assignmentsAt(int example, int position) {
            int flat = flatToken(example, position);
            int g = flat / tokensPerGroup;
            int t = flat % tokensPerGroup;
            return assignments.stream().filter(a -> a.group() == g && a.token() == t).toList();
        }

        /**
         * Token-by-expert heatmap of one example, {@code [SEQ][E]}: the combine weight of every kept
         * pairing, 0 elsewhere.
         */
        public float[][] combineWeights(int example) {
            float[][] out = new float[seq][experts];
            for (Assignment a : assignments) {
                int flat = a.group() * tokensPerGroup + a.token();
                if (!a.dropped() && flat / seq == example) {
                    out[flat % seq][a.expert()] = a.weight();
                }
            }
            return out;
        }

        private int flatToken(int example, int position) {
            if (example < 0 || example >= batch || position < 0 || position >= seq) {
                throw new IndexOutOfBoundsException("(example, position) must lie in [0, " + batch + ") x [0, " + seq
                        + "); got (" + example + ", " + position + ").");
            }
            return example * seq + position;
        }

        /**
         * Routes the recorded logits again (same groups) under another spec; the algorithm is looked
         * up in {@link Routings}, so a routing registered at run time works too.
         *
         * @param manager where the plan's NDArrays live (close it when done)
         * @param other the spec to route under (e.g. {@code spec().withAlgorithm(...)})
         */
        public RoutingPlan reroute(NDManager manager, RoutingSpec other) {
            return reroute(manager, other, routable);
        }

        /**
         * Whether the layer ran with a routable mask (the configuration's {@code
         * exclude_padding_from_routing}), so that padding took no slot.
         */
        public boolean paddingExcluded() { return routable != null; }

        /**
         * Routes the recorded logits again under {@code other} with another routable mask, e.g.
         * {@link RoutingTrace#realTokenMask()} to see the routing {@code exclude_padding_from_routing
         * = true} gives for the same logits.
         *
         * @param routable flat {@code [G * T]}, false for positions kept out of routing; null = all
         */
        public RoutingPlan reroute(NDManager manager, RoutingSpec other, boolean[] routable) {
            NDArray l = manager.create(logits, new Shape(groups, tokensPerGroup, experts));
            return Routings.of(other).route(l, other, routable);
        }

        /**
         * Routes the recorded logits again with other settings and the recorded capacity floor.
         *
         * @param algorithm any registered algorithm
         * @param capacityFactor cf; C = max(round_half_even(cf * T / E), the recorded minimum)
         * @param k experts per token (top-k rules; values below 1 mean 1)
         * @param batchPrioritized BPR order (tokens-choose only)
         */
        public RoutingPlan reroute(NDManager manager, RoutingAlgorithm algorithm, double capacityFactor, int k,
                boolean batchPrioritized) {
            return reroute(manager, new RoutingSpec(algorithm, capacityFactor, spec.minCapacity(), Math.max(1, k),
                    batchPrioritized));
        }
    }
}
