package org.sparsemixerlab.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Named configurations. The paper-scale presets follow SPEC 3.1; the {@code -mini} and {@code
 * -tiny} presets keep the same structure (mixer, attention on top, MoE in the middle,
 * experts-choose routing) at a width and length that a laptop CPU trains in minutes or seconds.
 */
public final class Presets {
    private static final Map<String, Preset> PRESETS = new LinkedHashMap<>();

    /**
     * A named configuration with a one-line description.
     *
     * @param name the name used by {@link #get(String)}
     * @param description what it is and where it comes from
     * @param config the validated configuration
     */
    public record Preset(String name, String description, ModelConfig config) {}

    static {
        ModelConfig sm = ModelConfig.defaults();
        ModelConfig bert = sm.toBuilder().architecture(Architecture.BERT).dEmb(768).dModel(768)
                .dFf(3072).numHeads(12).numLayers(12).numAttentionLayers(0).numMoeLayers(0)
                .numExperts(0).expertDFf(3072).build();
        add("bert-base", "BERT Base baseline of the reference codebase: attention in all 12 layers, d 768", bert);
        add("fnet-base", "FNet Base: Fourier mixing in all 12 layers, FFT form, d 768",
                bert.toBuilder().architecture(Architecture.F_NET).useFft(true).build());
        add("sparse-mixer-base", "Sparse Mixer Base: 14 layers, linear mixing, attention at 10-13, "
                + "16-expert experts-choose MoE at 5-8, capacity factor 1.0", sm);
        add("fast-sparse-mixer-base", "Fast Sparse Mixer Base: Sparse Mixer Base with capacity factor 0.5",
                sm.toBuilder().capacityFactor(0.5).build());
        ModelConfig small = sm.toBuilder().numLayers(8).build();
        add("sparse-mixer-small", "Sparse Mixer Small: 8 layers, attention at 4-7, MoE at 2-5", small);
        add("fast-sparse-mixer-small", "Fast Sparse Mixer Small: capacity factor 0.5",
                small.toBuilder().capacityFactor(0.5).build());

        addScaled("mini", "d 256, 8 layers, L 128, 8 experts: notebooks and ablations on a CPU",
                b -> b.dEmb(256).dModel(256).dFf(1024).expertDFf(1024).numHeads(4).numLayers(8)
                        .maxSeqLength(128).numExperts(8));
        addScaled("tiny", "d 64, 4 layers, L 64, 4 experts: trains in seconds, used by tests",
                b -> b.dEmb(64).dModel(64).dFf(256).expertDFf(256).numHeads(2).numLayers(4)
                        .maxSeqLength(64).numAttentionLayers(1).numMoeLayers(2).numExperts(4));
    }

    private Presets() {}

    private static void addScaled(String size, String what, UnaryOperator<ModelConfig.Builder> shape) {
        ModelConfig sm = shape.apply(ModelConfig.builder()).build();
        add("sparse-mixer-" + size, "Sparse Mixer " + size + ": " + what, sm);
        add("fast-sparse-mixer-" + size, "Fast Sparse Mixer " + size + ": capacity factor 0.5, " + what,
                sm.toBuilder().capacityFactor(0.5).build());
        add("bert-" + size, "BERT " + size + ": attention in every layer, dense FF, same width as sparse-mixer-" + size,
                sm.toBuilder().architecture(Architecture.BERT).numAttentionLayers(0).numMoeLayers(0)
                        .numExperts(0).build());
        add("fnet-" + size, "FNet " + size + ": Fourier mixing in every layer, dense FF",
                sm.toBuilder().architecture(Architecture.F_NET).numAttentionLayers(0).numMoeLayers(0)
                        .numExperts(0).build());
    }

    private static void add(String name, String description, ModelConfig config) {
        PRESETS.put(name, new Preset(name, description, config.validate()));
    }

    /** All presets in a stable order. */
    public static List<Preset> all() {
        return List.copyOf(PRESETS.values());
    }

    /** The preset names in a stable order. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** Unmodifiable view name to preset. */
    public static Map<String, Preset> asMap() {
        return Collections.unmodifiableMap(PRESETS);
    }

    /**
     * The configuration of a preset.
     *
     * @throws IllegalArgumentException naming the known presets when {@code name} is unknown
     */
    public static ModelConfig get(String name) {
        Preset p = PRESETS.get(name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; expected one of "
                    + String.join(", ", PRESETS.keySet()));
        }
        return p.config();
    }
}
