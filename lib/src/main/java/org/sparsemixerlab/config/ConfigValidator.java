package org.sparsemixerlab.config;

import java.util.ArrayList;
import java.util.List;

/**
 * All validation rules of {@link ModelConfig}: the per-key ranges of {@link ConfigKeys} plus the
 * rules that relate several keys. A configuration with no problems always builds a model: every
 * rule guards a shape or a value that model construction relies on.
 */
final class ConfigValidator {
    /** Above this length the reference requires a power of two for the FFT path (SPEC 1.4). */
    static final int FFT_FREE_LENGTH = 4096;

    private ConfigValidator() {}

    static List<ConfigError> problems(ModelConfig c) {
        // Per-key ranges come from the key table; below are the rules that relate several keys.
        List<ConfigError> out = new ArrayList<>(ConfigKeys.rangeProblems(c));
        LayerMap map = c.numLayers() > 0 && c.architecture() != null ? LayerMap.of(c) : null;
        boolean anyAttention = map != null && map.attentionLayers().size() > 0;
        if (c.numHeads() < 1) {
            out.add(new ConfigError("num_heads", str(c.numHeads()), "an integer >= 1", ""));
        } else if (anyAttention && c.dModel() > 0 && c.dModel() % c.numHeads() != 0) {
            out.add(new ConfigError("num_heads", str(c.numHeads()),
                    "a divisor of d_model (" + c.dModel() + ")",
                    "Choose num_heads so that d_model / num_heads is a whole head width, e.g. "
                            + suggestDivisor(c.dModel(), c.numHeads()) + "."));
        }
        if (c.architecture() != Architecture.BERT) {
            range(out, "num_attention_layers", c.numAttentionLayers(), 0, c.numLayers(),
                    "at most num_layers (" + c.numLayers() + ")");
        }
        range(out, "num_moe_layers", c.numMoeLayers(), 0, c.numLayers(),
                "at most num_layers (" + c.numLayers() + ")");
        if (c.numMoeLayers() > 0) {
            moeProblems(out, c);
        }
        if (c.useFft() && c.architecture() != null) {
            if (!c.architecture().hasFftForm()) {
                out.add(new ConfigError("use_fft", "true",
                        "false for architecture " + c.architecture()
                                + " (only F_NET, H_NET, C_NET and T_NET have an FFT form)",
                        "Set use_fft: false."));
            } else if (c.maxSeqLength() > FFT_FREE_LENGTH && Integer.bitCount(c.maxSeqLength()) != 1) {
                out.add(new ConfigError("max_seq_length", str(c.maxSeqLength()),
                        "a power of two when use_fft is on and the length exceeds " + FFT_FREE_LENGTH,
                        "Pad to " + Integer.highestOneBit(c.maxSeqLength()) * 2 + " or set use_fft: false."));
            }
        }
        return out;
    }

    private static void moeProblems(List<ConfigError> out, ModelConfig c) {
        if (c.numExperts() < 1) {
            out.add(new ConfigError("num_experts", str(c.numExperts()),
                    "at least 1 when num_moe_layers > 0 (" + c.numMoeLayers() + ")",
                    "Set num_moe_layers: 0 for a dense model."));
        }
        if (c.routingAlgorithm() != null && !c.routingAlgorithm().isDeclared()) {
            out.add(new ConfigError("routing_algorithm", c.routingAlgorithm().label(),
                    "a registered routing algorithm: " + RoutingAlgorithm.declaredLabels(),
                    "Register your own with Routings.register(\"" + c.routingAlgorithm().label()
                            + "\", new MyRouting()) before using it."));
        }
        if (c.numSelectedExperts() < 1 || (c.numExperts() >= 1 && c.numSelectedExperts() > c.numExperts())) {
            out.add(new ConfigError("num_selected_experts", str(c.numSelectedExperts()),
                    "an integer from 1 to num_experts (" + c.numExperts() + ")", ""));
        }
    }

    private static int suggestDivisor(int d, int heads) {
        int best = 1;
        for (int h = 1; h <= d; h++) {
            if (d % h == 0 && Math.abs(h - heads) < Math.abs(best - heads)) {
                best = h;
            }
        }
        return best;
    }

    private static void range(List<ConfigError> out, String field, int v, int lo, int hi, String what) {
        if (v < lo || v > hi) {
            out.add(new ConfigError(field, str(v), "an integer from " + lo + " to " + hi + ", " + what, ""));
        }
    }

    private static String str(Object v) {
        return String.valueOf(v);
    }
}
