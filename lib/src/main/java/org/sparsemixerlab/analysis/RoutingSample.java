package org.sparsemixerlab.analysis;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingSpec;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.model.RoutingProbe;
import org.sparsemixerlab.model.SparseMixerEncoder;
import org.sparsemixerlab.moe.Assignment;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.train.PretrainingData;

/**
 * Held-out text routed through a trained model: for every real token its id, sequence and position,
 * and per MoE layer its router preferences and whether it was kept ({@link LayerRouting}). Padding
 * is left out of every per-token array and counted in {@link #paddingTokens()} (it is still routed
 * when {@code exclude_padding_from_routing} is false, and can take expert slots: see {@link
 * LayerRouting#paddingPairings()}).
 *
 * <p>The text is the model's own held-out examples ({@link PretrainingData.heldout}, seed of
 * the config) with the MLM masking undone, so every token is the real one. Whole sequences are taken
 * in order until at least the asked number of real tokens is reached, in batches of {@link
 * #DEFAULT_BATCH} sequences (the lab models' training batch, so routing groups look as in training),
 * through the encoder in evaluation mode ({@link RoutingProbe#traceBatch}).
 *
 * <pre>
 * RoutingSample sample = RoutingSample.collect(model, tokenizer, 5000);
 * RoutingSample half = sample.rerouted(0.5);   // same logits, capacity factor 0.5
 * </pre>
 */
public final class RoutingSample {
    /** Real tokens in a sample unless asked otherwise. */
    public static final int DEFAULT_TOKENS = 4000;
    /** Sequences per routed batch. */
    public static final int DEFAULT_BATCH = 32;

    private final ModelConfig config;
    private final int[] tokenIds;
    private final int[] sequences;
    private final int[] positions;
    private final int paddingTokens;
    private final List<LayerRouting> layers;
    private final List<Batch> batches;

    /** One routed batch, kept for re-routing: its trace and which flat tokens are real. */
    private record Batch(RoutingTrace trace, boolean[] real) {}

    private RoutingSample(ModelConfig config, int[] tokenIds, int[] sequences, int[] positions, int paddingTokens,
            List<LayerRouting> layers, List<Batch> batches) {
        this.config = config;
        this.tokenIds = tokenIds;
        this.sequences = sequences;
        this.positions = positions;
        this.paddingTokens = paddingTokens;
        this.layers = List.copyOf(layers);
        this.batches = List.copyOf(batches);
    }

    /** At least {@code tokens} real held-out tokens of the model's corpus and seed. */
    public static RoutingSample collect(PretrainingModel model, WordPieceTokenizer tokenizer, int tokens) {
        ModelConfig c = model.config();
        List<PretrainingExample> examples = PretrainingData.heldout(c, tokenizer, PretrainingCorpus.SOURCES,
                c.seed());
        return collect(model.encoder(), examples, tokens, DEFAULT_BATCH);
    }

    /**
     * Routes whole examples, in order, until at least {@code tokens} real tokens are covered (all of
     * them when there are fewer).
     *
     * @throws IllegalArgumentException when {@code tokens} or {@code batchSize} is below 1, or there are no examples
     */
    public static RoutingSample collect(SparseMixerEncoder encoder, List<PretrainingExample> examples, int tokens,
            int batchSize) {
        if (tokens < 1 || batchSize < 1) {
            throw new IllegalArgumentException("a routing sample needs tokens >= 1 and batchSize >= 1; got " + tokens
                    + " and " + batchSize);
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no held-out examples to sample from");
        }
        List<PretrainingExample> chosen = new ArrayList<>();
        int real = 0;
        for (PretrainingExample ex : examples) {
            if (real >= tokens) {
                break;
            }
            chosen.add(ex);
            for (int m : ex.tokenMask()) {
                real += m;
            }
        }
        int seq = chosen.get(0).length();
        int[] ids = new int[real];
        int[] seqs = new int[real];
        int[] pos = new int[real];
        int padding = chosen.size() * seq - real;
        ModelConfig c = encoder.config();
        int moeLayers = (int) c.layerMap().layers().stream().filter(l -> l.isMoe()).count();
        int e = c.numExperts();
        int[][] top = new int[moeLayers][real];
        float[][] gate = new float[moeLayers][real];
        float[][] entropy = new float[moeLayers][real];
        boolean[][] kept = new boolean[moeLayers][real];
        long[] keptPairs = new long[moeLayers];
        long[] padPairs = new long[moeLayers];
        int[] layerIndex = new int[moeLayers];
        String[] algorithm = new String[moeLayers];
        double[] cf = new double[moeLayers];
        List<Batch> batches = new ArrayList<>();
        int out = 0;
        for (int from = 0; from < chosen.size(); from += batchSize) {
            List<PretrainingExample> part = chosen.subList(from, Math.min(chosen.size(), from + batchSize));
            int b = part.size();
            int[][] bIds = new int[b][];
            int[][] bTypes = new int[b][];
            int[][] bMask = new int[b][];
            boolean[] isReal = new boolean[b * seq];
            for (int i = 0; i < b; i++) {
                PretrainingExample ex = part.get(i);
                bIds[i] = unmasked(ex);
                bTypes[i] = ex.typeIds();
                bMask[i] = ex.tokenMask();
                for (int p = 0; p < seq; p++) {
                    isReal[i * seq + p] = bMask[i][p] > 0;
                }
            }
            int at = out;
            for (int i = 0; i < b; i++) {
                for (int p = 0; p < seq; p++) {
                    if (isReal[i * seq + p]) {
                        seqs[at] = from + i;
                        pos[at] = p;
                        ids[at] = bIds[i][p];
                        at++;
                    }
                }
            }
            RoutingTrace trace = RoutingProbe.traceBatch(encoder, bIds, bTypes, bMask);
            List<RoutingTrace.Layer> recorded = trace.layers();
            for (int l = 0; l < moeLayers; l++) {
                RoutingTrace.Layer rl = recorded.get(l);
                layerIndex[l] = rl.layerIndex();
                algorithm[l] = rl.algorithm().name();
                cf[l] = rl.capacityFactor();
                float[] logits = rl.logits();
                int[] t = new int[b * seq];
                float[] g = new float[b * seq];
                float[] h = new float[b * seq];
                LayerRouting.preferences(logits, e, 0, b * seq, t, g, h, 0);
                boolean[] k = LayerRouting.keptTokens(rl.assignments(), rl.tokensPerGroup(), b * seq);
                int o = out;
                for (int f = 0; f < b * seq; f++) {
                    if (isReal[f]) {
                        top[l][o] = t[f];
                        gate[l][o] = g[f];
                        entropy[l][o] = h[f];
                        kept[l][o] = k[f];
                        o++;
                    }
                }
                long[] pairs = pairings(rl.assignments(), rl.tokensPerGroup(), isReal);
                keptPairs[l] += pairs[0];
                padPairs[l] += pairs[1];
            }
            batches.add(new Batch(trace, isReal));
            out = at;
        }
        List<LayerRouting> layers = new ArrayList<>();
        for (int l = 0; l < moeLayers; l++) {
            layers.add(new LayerRouting(layerIndex[l], e, algorithm[l], cf[l], top[l], gate[l], entropy[l], kept[l],
                    keptPairs[l], padPairs[l]));
        }
        return new RoutingSample(c, ids, seqs, pos, padding, layers, batches);
    }

    /** Input ids with the MLM masking undone: every masked position gets its original id back. */
    static int[] unmasked(PretrainingExample ex) {
        int[] ids = ex.inputIds().clone();
        int[] at = ex.maskedPositions();
        int[] label = ex.maskedLabelIds();
        float[] w = ex.maskedWeights();
        for (int j = 0; j < at.length; j++) {
            if (w[j] > 0) {
                ids[at[j]] = label[j];
            }
        }
        return ids;
    }

    /** Kept pairings of a routing call, and how many of them went to padding: {@code {kept, padding}}. */
    static long[] pairings(List<Assignment> assignments, int tokensPerGroup, boolean[] real) {
        long keptPairs = 0;
        long pad = 0;
        for (Assignment a : assignments) {
            if (!a.dropped()) {
                keptPairs++;
                pad += real[a.group() * tokensPerGroup + a.token()] ? 0 : 1;
            }
        }
        return new long[] {keptPairs, pad};
    }

    /**
     * The same tokens and router logits routed again under another capacity factor (same algorithm,
     * k, BPR and capacity floor): only the kept flags change. Uses {@link RoutingTrace.Layer#reroute}.
     */
    public RoutingSample rerouted(double capacityFactor) {
        if (!(capacityFactor > 0) || Double.isInfinite(capacityFactor)) {
            throw new IllegalArgumentException("capacity factor must be a positive number; got " + capacityFactor);
        }
        List<LayerRouting> out = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            boolean[] kept = new boolean[tokenIds.length];
            long keptPairs = 0;
            long pad = 0;
            int o = 0;
            for (Batch batch : batches) {
                RoutingTrace.Layer rl = batch.trace().layers().get(l);
                RoutingSpec s = rl.spec();
                RoutingSpec other = new RoutingSpec(s.algorithm(), capacityFactor, s.minCapacity(), s.k(),
                        s.batchPrioritized());
                try (NDManager manager = NDManager.newBaseManager()) {
                    RoutingPlan plan = rl.reroute(manager, other);
                    boolean[] k = LayerRouting.keptTokens(plan.assignments(), plan.tokensPerGroup(), batch.real().length);
                    for (int f = 0; f < k.length; f++) {
                        if (batch.real()[f]) {
                            kept[o++] = k[f];
                        }
                    }
                    long[] pairs = pairings(plan.assignments(), plan.tokensPerGroup(), batch.real());
                    keptPairs += pairs[0];
                    pad += pairs[1];
                }
            }
            out.add(layers.get(l).withKept(capacityFactor, kept, keptPairs, pad));
        }
        return new RoutingSample(config, tokenIds, sequences, positions, paddingTokens, out, batches);
    }

    public ModelConfig config() { return config; }

    /** Real tokens in the sample, N. */
    public int tokens() { return tokenIds.length; }

    /** Padding positions of the routed sequences (not in any statistic). */
    public int paddingTokens() { return paddingTokens; }

    /** Sequences routed. */
    public int sequenceCount() { return batches.stream().mapToInt(b -> b.real().length).sum() / seqLength(); }

    /** Sequence length of the routed batches. */
    public int seqLength() { return batches.get(0).trace().layers().get(0).seq(); }

    /** Token ids {@code [N]}. */
    public int[] tokenIds() { return tokenIds.clone(); }

    /** Index of each token's sequence {@code [N]}. */
    public int[] sequences() { return sequences.clone(); }

    /** Position of each token in its sequence {@code [N]}. */
    public int[] positions() { return positions.clone(); }

    /** The MoE layers in order. */
    public List<LayerRouting> layers() { return layers; }

    /** Encoder indices of the MoE layers. */
    public List<Integer> layerIndices() { return layers.stream().map(LayerRouting::layer).toList(); }

    /** The MoE layer with this encoder index. */
    public LayerRouting layer(int layerIndex) {
        for (LayerRouting l : layers) {
            if (l.layer() == layerIndex) {
                return l;
            }
        }
        throw new IllegalArgumentException("layer " + layerIndex + " is not an MoE layer of this model; MoE layers: "
                + layerIndices());
    }
}
