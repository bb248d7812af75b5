package org.sparsemixerlab.magics;

import java.util.List;
import java.util.Locale;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.analysis.RoutingSample;
import org.sparsemixerlab.analysis.TokenClasses;
import org.sparsemixerlab.config.LayerMap;
import org.sparsemixerlab.data.WordPieceTokenizer;

/**
 * What the corpus-analysis magics share: the {@code --sample} and {@code --layer} options, the checks
 * on them, and the routed held-out sample of the chosen model (kept per size for lab models).
 *
 * @param choice the model
 * @param sample its routed held-out sample
 * @param tokenizer the tokenizer of its vocabulary
 * @param layer the MoE layer asked for, or -1 for all
 */
record AnalysisSampling(ModelChoice choice, RoutingSample sample, WordPieceTokenizer tokenizer, int layer) {

    static final MagicOption SAMPLE = MagicOption.integer("sample", "N", RoutingSample.DEFAULT_TOKENS, 64, 200_000,
            "held-out tokens to route, in whole sequences");
    static final MagicOption LAYER = MagicOption.integer("layer", "N", -1, 0, 1000,
            "only this MoE layer (default: every MoE layer)");

    /** Token classes of the sample's vocabulary. */
    TokenClasses classes() {
        return TokenClasses.of(tokenizer);
    }

    /** Parses the common options, resolves the model and routes (or reuses) its sample. */
    static AnalysisSampling of(BaseKernel kernel, LabState state, MagicArgs a) {
        String invocation = a.spec().invocation();
        if (!a.words().isEmpty()) {
            throw new MagicUsageException(invocation + " takes only options, got " + a.words());
        }
        ModelChoice choice = ModelChoice.resolve(kernel, state, a.text("model"));
        int layer = checkLayer(choice, a.integer("layer"));
        int tokens = a.integer("sample");
        WordPieceTokenizer tokenizer = state.tokenizer(choice.model().config().vocabSize());
        long t0 = System.nanoTime();
        boolean[] fresh = {choice.labName() == null};
        RoutingSample sample = choice.labName() == null ? RoutingSample.collect(choice.model(), tokenizer, tokens)
                : state.labSample(choice.labName(), tokens, () -> {
                    fresh[0] = true;
                    return RoutingSample.collect(choice.model(), tokenizer, tokens);
                });
        System.out.printf(Locale.ROOT, "%s: %,d held-out tokens in %d sequences (%,d padding positions left out)%s%n",
                choice.label(), sample.tokens(), sample.sequenceCount(), sample.paddingTokens(),
                fresh[0] ? String.format(Locale.ROOT, ", routed in %.2f s", (System.nanoTime() - t0) / 1e9)
                        : ", reused from an earlier magic");
        return new AnalysisSampling(choice, sample, tokenizer, layer);
    }

    /** The layer if it is an MoE layer of the model (or -1); a usage error otherwise. */
    static int checkLayer(ModelChoice choice, int layer) {
        LayerMap map = choice.model().config().layerMap();
        List<Integer> moe = map.layers().stream().filter(LayerMap.LayerSpec::isMoe).map(LayerMap.LayerSpec::index).toList();
        if (moe.isEmpty()) {
            throw new MagicUsageException(choice.label() + " has no MoE layer (a dense model such as BERT has no router"
                    + " to analyse); use a Sparse Mixer, e.g. --model lab:sparse-mixer-lab");
        }
        if (layer >= 0 && !moe.contains(layer)) {
            throw new MagicUsageException("--layer " + layer + " is not an MoE layer of " + choice.label()
                    + "; its MoE layers are " + moe);
        }
        return layer;
    }
}
