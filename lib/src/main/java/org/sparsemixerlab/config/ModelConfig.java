package org.sparsemixerlab.config;

import java.util.List;

/**
 * The one immutable configuration of a Sparse Mixer (or BERT/FNet baseline) encoder, its MoE
 * routing and its regularisation. Field names follow the reference code's config keys in
 * snake_case when written as JSON or {@code key: value} lines ({@code d_model}, {@code
 * num_experts}, ...).
 *
 * <p>Every field is one entry of {@link ConfigKeys#ALL}: its key, type, default (the Sparse Mixer
 * Base value, SPEC 3.1, 3.4), range and description live there, and {@link #defaults()}, the
 * builder, the JSON form and the per-key validation are derived from it (the key reference:
 * {@code lib/config-keys.md}). Presets ({@link Presets}) are values of this type and ablations
 * change values, never code. Build variants with {@link #toBuilder()}; {@link Builder#build()}
 * validates.
 */
@com.fasterxml.jackson.databind.annotation.JsonSerialize(using = ConfigJson.Serializer.class)
@com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ConfigJson.Deserializer.class)
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
        int expertDFf,
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

    /** The Sparse Mixer Base configuration: every key at its default in {@link ConfigKeys#ALL}. */
    public static ModelConfig defaults() {
        return ConfigKeys.construct(ConfigKeys.defaultValues());
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

    /**
     * Fluent builder; {@link #build()} validates. Every key can be set by name with {@link #set};
     * the typed setters (named like the record's fields) are shorthands for it.
     */
    public static final class Builder {
        private final Object[] values;

        private Builder(ModelConfig c) {
            values = ConfigKeys.values(c);
        }

        /**
         * Sets a key by name (snake_case, camelCase or its JSON spelling); a string value is parsed
         * as in {@code key: value} lines.
         *
         * @throws IllegalArgumentException for an unknown key or a value of the wrong type
         */
        public Builder set(String key, Object value) {
            ConfigKey k = ConfigKeys.find(key);
            if (k == null) {
                throw new IllegalArgumentException("unknown config key '" + key + "'; keys: "
                        + String.join(", ", ConfigKeys.names()) + ".");
            }
            values[ConfigKeys.ALL.indexOf(k)] = k.coerce(value);
            return this;
        }

        public Builder architecture(Architecture v) { return set("architecture", v); }
        public Builder vocabSize(int v) { return set("vocab_size", v); }
        public Builder dEmb(int v) { return set("d_emb", v); }
        public Builder dModel(int v) { return set("d_model", v); }
        public Builder dFf(int v) { return set("d_ff", v); }
        public Builder numHeads(int v) { return set("num_heads", v); }
        public Builder numLayers(int v) { return set("num_layers", v); }
        public Builder maxSeqLength(int v) { return set("max_seq_length", v); }
        public Builder typeVocabSize(int v) { return set("type_vocab_size", v); }
        public Builder dropoutRate(double v) { return set("dropout_rate", v); }
        public Builder mixingDropoutRate(double v) { return set("mixing_dropout_rate", v); }
        public Builder expertDropoutRate(double v) { return set("expert_dropout_rate", v); }
        public Builder useFft(boolean v) { return set("use_fft", v); }
        public Builder attentionLayout(LayerLayout v) { return set("attention_layout", v); }
        public Builder numAttentionLayers(int v) { return set("num_attention_layers", v); }
        public Builder moeLayout(LayerLayout v) { return set("moe_layout", v); }
        public Builder numMoeLayers(int v) { return set("num_moe_layers", v); }
        public Builder numExperts(int v) { return set("num_experts", v); }
        public Builder expertDFf(int v) { return set("expert_d_ff", v); }
        public Builder maxGroupSize(int v) { return set("max_group_size", v); }
        public Builder routingAlgorithm(RoutingAlgorithm v) { return set("routing_algorithm", v); }
        /** The routing algorithm by name, any spelling ({@code my-rule}, {@code TOKENS_CHOOSE}). */
        public Builder routingAlgorithm(String name) { return set("routing_algorithm", RoutingAlgorithm.of(name)); }
        public Builder dispatchForm(DispatchForm v) { return set("dispatch_form", v); }
        public Builder trainCapacityFactor(double v) { return set("train_capacity_factor", v); }
        public Builder evalCapacityFactor(double v) { return set("eval_capacity_factor", v); }
        public Builder minExpertCapacity(int v) { return set("min_expert_capacity", v); }
        public Builder numSelectedExperts(int v) { return set("num_selected_experts", v); }
        public Builder batchPrioritizedRouting(boolean v) { return set("batch_prioritized_routing", v); }
        public Builder auxiliaryLossFactor(double v) { return set("auxiliary_loss_factor", v); }
        public Builder routerZLossFactor(double v) { return set("router_z_loss_factor", v); }
        public Builder jitterNoise(double v) { return set("jitter_noise", v); }
        public Builder excludePaddingFromRouting(boolean v) { return set("exclude_padding_from_routing", v); }
        public Builder seed(long v) { return set("seed", v); }

        /** Both capacity factors at once (Fast Sparse Mixer uses 0.5 for both). */
        public Builder capacityFactor(double v) {
            return trainCapacityFactor(v).evalCapacityFactor(v);
        }

        /** The configuration without validation (for showing what is wrong with it). */
        public ModelConfig buildUnchecked() {
            return ConfigKeys.construct(values.clone());
        }

        /** The validated configuration; throws {@link InvalidConfigException} listing problems. */
        public ModelConfig build() {
            return buildUnchecked().validate();
        }
    }
}
