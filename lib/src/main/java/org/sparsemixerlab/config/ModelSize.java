package org.sparsemixerlab.config;

/**
 * Analytic size and cost of a configuration, computed from the shapes of SPEC 1-2 without
 * building a model. Parameter counts are exact (a test compares them with a built model);
 * FLOPs count a multiply-add as 2 and cover the matrix products, which dominate.
 *
 * @param mixingParams learned mixing parameters (linear/circulant/Toeplitz layers)
 * @param attentionParams attention projections and biases
 * @param denseFfParams dense feed-forward layers
 * @param moeParams MoE layers: all experts plus routers
 * @param expertParams the experts' share of {@code moeParams}
 * @param layerNormParams the two LayerNorms of every block
 * @param embeddingParams embeddings without the word table: positions, types, LayerNorm, projection
 * @param wordTableParams the word-embedding table V x d_emb
 * @param poolerParams the tanh pooler
 * @param activeExpertParamsPerToken expert parameters one token uses on average, summed over MoE
 *     layers: k experts for tokens-choose, cf experts for experts-choose (total slots / tokens)
 * @param encoderFlopsPerToken forward FLOPs per token of embedding projection and encoder blocks
 */
public record ModelSize(
        long mixingParams,
        long attentionParams,
        long denseFfParams,
        long moeParams,
        long expertParams,
        long layerNormParams,
        long embeddingParams,
        long wordTableParams,
        long poolerParams,
        double activeExpertParamsPerToken,
        double encoderFlopsPerToken) {

    /** Computes the size of {@code c}. */
    public static ModelSize of(ModelConfig c) {
        long d = c.dModel();
        long len = c.maxSeqLength();
        long mixing = 0;
        long attention = 0;
        long dense = 0;
        long moe = 0;
        long experts = 0;
        double activeExperts = 0;
        double flops = 2.0 * c.dEmb() * d;
        long oneExpert = expertParams(d, c.expertDFf());
        for (LayerMap.LayerSpec s : c.layerMap().layers()) {
            if (s.isAttention()) {
                attention += 4 * (d * d + d);
                flops += 8.0 * d * d + 4.0 * len * d;
            } else {
                mixing += mixerParams(c.architecture(), len, d);
                flops += mixerFlopsPerToken(c.architecture(), c.useFft(), len, d);
            }
            if (s.isMoe()) {
                moe += c.numExperts() * oneExpert + d * c.numExperts() + c.numExperts();
                experts += c.numExperts() * oneExpert;
                double expertsPerToken = expertsPerToken(c);
                activeExperts += expertsPerToken * oneExpert;
                flops += 2.0 * d * c.numExperts() + expertsPerToken * 4.0 * d * c.expertDFf();
            } else {
                dense += expertParams(d, c.dFf());
                flops += 4.0 * d * c.dFf();
            }
        }
        long layerNorm = 4L * d * c.numLayers();
        long embeddings = len * c.dEmb() + (long) c.typeVocabSize() * c.dEmb() + 2L * c.dEmb()
                + (long) c.dEmb() * d + d;
        return new ModelSize(mixing, attention, dense, moe, experts, layerNorm, embeddings,
                (long) c.vocabSize() * c.dEmb(), d * d + d, activeExperts, flops);
    }

    /**
     * Average number of experts that process one token in training, as the configured routing
     * algorithm declares it ({@code Routing.expertsPerToken}). Tokens-choose: k (an upper bound;
     * dropped assignments lower it). Experts-choose: E * C / T, which is the capacity factor (C
     * rounds).
     */
    public static double expertsPerToken(ModelConfig c) {
        return RoutingAlgorithm.expertsPerToken(RoutingSpec.of(c, true));
    }

    private static long expertParams(long d, long inner) {
        return d * inner + inner + inner * d + d;
    }

    static long mixerParams(Architecture arch, long len, long d) {
        return switch (arch) {
            case LINEAR -> len * len + d * d;
            case C_NET -> len + d;
            case T_NET -> (2 * len - 1) + (2 * d - 1);
            case F_NET, H_NET, BERT -> 0;
        };
    }

    /**
     * Forward FLOPs per token of one mixing sublayer. Matmul forms are exact counts of the matrix
     * products; FFT forms use the usual 5 n log2 n per complex transform of length n, an estimate.
     */
    static double mixerFlopsPerToken(Architecture arch, boolean fft, long len, long d) {
        double log2 = Math.log(len) / Math.log(2) + Math.log(d) / Math.log(2);
        return switch (arch) {
            case LINEAR -> 2.0 * len * d + 2.0 * d * d;
            case F_NET, H_NET -> fft ? 5.0 * log2 : 4.0 * len * d + 4.0 * d * d;
            case C_NET -> fft ? 2 * 5.0 * log2 : 2.0 * len * d + 2.0 * d * d;
            case T_NET -> fft ? 4 * 2 * 5.0 * log2 : 2.0 * len * d + 2.0 * d * d;
            case BERT -> 0;
        };
    }

    /** Parameters of the encoder blocks (mixing, attention, feed-forward, MoE, LayerNorm). */
    public long encoderBlockParams() {
        return mixingParams + attentionParams + denseFfParams + moeParams + layerNormParams;
    }

    /** All parameters of the encoder model: embeddings, word table, blocks and pooler. */
    public long totalParams() {
        return encoderBlockParams() + embeddingParams + wordTableParams + poolerParams;
    }

    /**
     * Parameters one token touches: everything except the experts it does not use (routers and
     * all non-expert weights count in full).
     */
    public double activeParamsPerToken() {
        return totalParams() - expertParams + activeExpertParamsPerToken;
    }

    /** Training FLOPs per token, using the usual backward = 2 x forward. */
    public double trainingFlopsPerToken() {
        return 3 * encoderFlopsPerToken;
    }
}
