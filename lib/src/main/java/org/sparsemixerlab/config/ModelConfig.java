package org.sparsemixerlab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The one immutable configuration of a Sparse Mixer (or BERT/FNet baseline) encoder, its MoE
 * routing and its regularisation. Field names follow the reference code's config keys in
 * snake_case when written as JSON or {@code key: value} lines ({@code d_model}, {@code
 * num_experts}, ...).
 *
 * <p>Every field has exactly one default, the Sparse Mixer Base value (SPEC 3.1, 3.4), held by
 * {@link #defaults()}. Presets ({@link Presets}) are values of this type and ablations change
 * values, never code. Build variants with {@link #toBuilder()}; {@link Builder#build()} validates.
 *
 * @param architecture mixer of the non-attention layers; default {@code LINEAR}
 * @param vocabSize word-piece vocabulary size V; default 30,522 (BERT uncased WordPiece, the
 *     stand-in for the reference's 32k SentencePiece model)
 * @param dEmb embedding width d_e; default 512
 * @param dModel hidden width d; default 512
 * @param dFf inner width of the dense feed-forward; default 2048
 * @param numHeads attention heads (must divide d_model); default 8
 * @param numLayers encoder blocks N; default 14
 * @param maxSeqLength L; every input is padded to exactly this length; default 512
 * @param typeVocabSize number of segment (type) ids; default 4
 * @param dropoutRate dropout after the embedding projection and dense feed-forward; default 0.1
 * @param mixingDropoutRate dropout on attention probabilities; default 0.1
 * @param expertDropoutRate dropout on each expert's output; default 0.1 (0.2 when fine-tuning)
 * @param useFft compute Fourier/Hartley/circulant/Toeplitz mixing with FFTs instead of matrix
 *     products; default false
 * @param attentionLayout where the attention layers go; default TOP
 * @param numAttentionLayers attention layers in a non-BERT model; default 4
 * @param moeLayout where the MoE layers go; default MIDDLE
 * @param numMoeLayers MoE feed-forward layers; default 4
 * @param numExperts experts per MoE layer E; default 16
 * @param expertDFf inner width of each expert; default 2048
 * @param maxGroupSize largest routing group; default 4096 tokens
 * @param routingAlgorithm the routing algorithm's name: experts-choose, tokens-choose or one
 *     registered with {@code Routings.register}; default EXPERTS_CHOOSE
 * @param dispatchForm mask or index dispatch; default INDEX. The reference uses masks; both give
 *     identical results (tested) and the index form is the faster one on CPU and GPU.
 * @param trainCapacityFactor capacity factor in training; default 1.0
 * @param evalCapacityFactor capacity factor in evaluation; default 1.0
 * @param minExpertCapacity floor of the expert capacity C; default 4
 * @param numSelectedExperts k for tokens-choose routing; default 1
 * @param batchPrioritizedRouting tokens-choose processes tokens by descending top-1 gate; default
 *     true
 * @param auxiliaryLossFactor weight of the load-balancing loss; default 0.01
 * @param routerZLossFactor weight of the router z-loss; default 1e-4
 * @param jitterNoise multiplicative jitter on router inputs in training; default 0
 * @param excludePaddingFromRouting keep padding tokens out of routing (no capacity, no expert);
 *     default false, matching the reference, which routes padding like any token
 * @param seed seed of initialisation, dropout and data order; default 0
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int dEmb,
        int dModel,
        int dFf,
        int numHeads,
        int numLayers,
        int maxSeqLength,
        int typeVocabSize,
        double dropoutRate,
        double mixingDropoutRate,
        double expertDropoutRate,
        boolean useFft,
        LayerLayout attentionLayout,
        int numAttentionLayers,
        LayerLayout moeLayout,
        int numMoeLayers,
        int numExperts,
        @JsonProperty("expert_d_ff") int expertDFf,
        int maxGroupSize,
        RoutingAlgorithm routingAlgorithm,
        DispatchForm dispatchForm,
        double trainCapacityFactor,
        double evalCapacityFactor,
        int minExpertCapacity,
        int numSelectedExperts,
        boolean batchPrioritizedRouting,
        double auxiliaryLossFactor,
        double routerZLossFactor,
        double jitterNoise,
        boolean excludePaddingFromRouting,
        long seed) {

    /** The Sparse Mixer Base configuration: the single source of every default. */
    public static ModelConfig defaults() {
        return new ModelConfig(
                Architecture.LINEAR, 30522, 512, 512, 2048, 8, 14, 512, 4, 0.1, 0.1, 0.1, false,
                LayerLayout.TOP, 4, LayerLayout.MIDDLE, 4, 16, 2048, 4096,
                RoutingAlgorithm.EXPERTS_CHOOSE, DispatchForm.INDEX, 1.0, 1.0, 4, 1, true, 0.01,
                1e-4, 0.0, false, 0L);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /** A builder starting from this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The problems of this configuration; empty when it is valid. */
    public List<ConfigError> problems() {
        return ConfigValidator.problems(this);
    }

    /**
     * Throws {@link InvalidConfigException} listing every problem, or returns this configuration.
     */
    public ModelConfig validate() {
        List<ConfigError> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return this;
    }

    /** The per-layer mixing and feed-forward choice. */
    public LayerMap layerMap() {
        return LayerMap.of(this);
    }

    /** Whether any layer carries an MoE feed-forward. */
    public boolean hasMoe() {
        return numMoeLayers > 0 && numExperts > 0;
    }

    /** The MoE routing in training ({@code true}) or evaluation, as one value. */
    public RoutingSpec routingSpec(boolean training) {
        return RoutingSpec.of(this, training);
    }

    /** Capacity factor for training ({@code true}) or evaluation. */
    public double capacityFactor(boolean training) {
        return training ? trainCapacityFactor : evalCapacityFactor;
    }

    /** Fluent builder; {@link #build()} validates. Setter names are the record's field names. */
    public static final class Builder {
        private Architecture architecture;
        private int vocabSize;
        private int dEmb;
        private int dModel;
        private int dFf;
        private int numHeads;
        private int numLayers;
        private int maxSeqLength;
        private int typeVocabSize;
        private double dropoutRate;
        private double mixingDropoutRate;
        private double expertDropoutRate;
        private boolean useFft;
        private LayerLayout attentionLayout;
        private int numAttentionLayers;
        private LayerLayout moeLayout;
        private int numMoeLayers;
        private int numExperts;
        private int expertDFf;
        private int maxGroupSize;
        private RoutingAlgorithm routingAlgorithm;
        private DispatchForm dispatchForm;
        private double trainCapacityFactor;
        private double evalCapacityFactor;
        private int minExpertCapacity;
        private int numSelectedExperts;
        private boolean batchPrioritizedRouting;
        private double auxiliaryLossFactor;
        private double routerZLossFactor;
        private double jitterNoise;
        private boolean excludePaddingFromRouting;
        private long seed;

        private Builder(ModelConfig c) {
            architecture = c.architecture;
            vocabSize = c.vocabSize;
            dEmb = c.dEmb;
            dModel = c.dModel;
            dFf = c.dFf;
            numHeads = c.numHeads;
            numLayers = c.numLayers;
            maxSeqLength = c.maxSeqLength;
            typeVocabSize = c.typeVocabSize;
            dropoutRate = c.dropoutRate;
            mixingDropoutRate = c.mixingDropoutRate;
            expertDropoutRate = c.expertDropoutRate;
            useFft = c.useFft;
            attentionLayout = c.attentionLayout;
            numAttentionLayers = c.numAttentionLayers;
            moeLayout = c.moeLayout;
            numMoeLayers = c.numMoeLayers;
            numExperts = c.numExperts;
            expertDFf = c.expertDFf;
            maxGroupSize = c.maxGroupSize;
            routingAlgorithm = c.routingAlgorithm;
            dispatchForm = c.dispatchForm;
            trainCapacityFactor = c.trainCapacityFactor;
            evalCapacityFactor = c.evalCapacityFactor;
            minExpertCapacity = c.minExpertCapacity;
            numSelectedExperts = c.numSelectedExperts;
            batchPrioritizedRouting = c.batchPrioritizedRouting;
            auxiliaryLossFactor = c.auxiliaryLossFactor;
            routerZLossFactor = c.routerZLossFactor;
            jitterNoise = c.jitterNoise;
            excludePaddingFromRouting = c.excludePaddingFromRouting;
            seed = c.seed;
        }

        public Builder architecture(Architecture v) { architecture = v; return this; }
        public Builder vocabSize(int v) { vocabSize = v; return this; }
        public Builder dEmb(int v) { dEmb = v; return this; }
        public Builder dModel(int v) { dModel = v; return this; }
        public Builder dFf(int v) { dFf = v; return this; }
        public Builder numHeads(int v) { numHeads = v; return this; }
        public Builder numLayers(int v) { numLayers = v; return this; }
        public Builder maxSeqLength(int v) { maxSeqLength = v; return this; }
        public Builder typeVocabSize(int v) { typeVocabSize = v; return this; }
        public Builder dropoutRate(double v) { dropoutRate = v; return this; }
        public Builder mixingDropoutRate(double v) { mixingDropoutRate = v; return this; }
        public Builder expertDropoutRate(double v) { expertDropoutRate = v; return this; }
        public Builder useFft(boolean v) { useFft = v; return this; }
        public Builder attentionLayout(LayerLayout v) { attentionLayout = v; return this; }
        public Builder numAttentionLayers(int v) { numAttentionLayers = v; return this; }
        public Builder moeLayout(LayerLayout v) { moeLayout = v; return this; }
        public Builder numMoeLayers(int v) { numMoeLayers = v; return this; }
        public Builder numExperts(int v) { numExperts = v; return this; }
        public Builder expertDFf(int v) { expertDFf = v; return this; }
        public Builder maxGroupSize(int v) { maxGroupSize = v; return this; }
        public Builder routingAlgorithm(RoutingAlgorithm v) { routingAlgorithm = v; return this; }
        /** The routing algorithm by name, any spelling ({@code my-rule}, {@code TOKENS_CHOOSE}). */
        public Builder routingAlgorithm(String name) { routingAlgorithm = RoutingAlgorithm.of(name); return this; }
        public Builder dispatchForm(DispatchForm v) { dispatchForm = v; return this; }
        public Builder trainCapacityFactor(double v) { trainCapacityFactor = v; return this; }
        public Builder evalCapacityFactor(double v) { evalCapacityFactor = v; return this; }
        public Builder minExpertCapacity(int v) { minExpertCapacity = v; return this; }
        public Builder numSelectedExperts(int v) { numSelectedExperts = v; return this; }
        public Builder batchPrioritizedRouting(boolean v) { batchPrioritizedRouting = v; return this; }
        public Builder auxiliaryLossFactor(double v) { auxiliaryLossFactor = v; return this; }
        public Builder routerZLossFactor(double v) { routerZLossFactor = v; return this; }
        public Builder jitterNoise(double v) { jitterNoise = v; return this; }
        public Builder excludePaddingFromRouting(boolean v) { excludePaddingFromRouting = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** Both capacity factors at once (Fast Sparse Mixer uses 0.5 for both). */
        public Builder capacityFactor(double v) {
            trainCapacityFactor = v;
            evalCapacityFactor = v;
            return this;
        }

        /** The configuration without validation (for showing what is wrong with it). */
        public ModelConfig buildUnchecked() {
            return new ModelConfig(
                    architecture, vocabSize, dEmb, dModel, dFf, numHeads, numLayers, maxSeqLength,
                    typeVocabSize, dropoutRate, mixingDropoutRate, expertDropoutRate, useFft,
                    attentionLayout, numAttentionLayers, moeLayout, numMoeLayers, numExperts,
                    expertDFf, maxGroupSize, routingAlgorithm, dispatchForm, trainCapacityFactor,
                    evalCapacityFactor, minExpertCapacity, numSelectedExperts,
                    batchPrioritizedRouting, auxiliaryLossFactor, routerZLossFactor, jitterNoise,
                    excludePaddingFromRouting, seed);
        }

        /** The validated configuration; throws {@link InvalidConfigException} listing problems. */
        public ModelConfig build() {
            return buildUnchecked().validate();
        }
    }
}
