package org.sparsemixerlab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * For every encoder layer, which mixing sublayer and which feed-forward it carries (SPEC 1.7).
 *
 * @param layers one entry per layer, in order
 */
public record LayerMap(List<LayerSpec> layers) {

    /** What one layer holds. */
    public enum Mixing { ATTENTION, MIXER }

    /** The feed-forward kind of one layer. */
    public enum FeedForward { DENSE, MOE }

    /**
     * One layer of the stack.
     *
     * @param index 0-based layer index
     * @param mixing attention or the architecture's mixer
     * @param mixerName "attention" or the mixer's short name (e.g. "linear")
     * @param feedForward dense or MoE
     */
    public record LayerSpec(int index, Mixing mixing, String mixerName, FeedForward feedForward) {
        public boolean isAttention() {
            return mixing == Mixing.ATTENTION;
        }

        public boolean isMoe() {
            return feedForward == FeedForward.MOE;
        }
    }

    public LayerMap {
        layers = List.copyOf(layers);
    }

    /** Applies the reference replacement rule to the configuration. */
    public static LayerMap of(ModelConfig c) {
        int n = c.numLayers();
        List<LayerSpec> out = new ArrayList<>(n);
        for (int l = 0; l < n; l++) {
            boolean attention = c.architecture() == Architecture.BERT
                    || (c.attentionLayout() != null
                            && c.attentionLayout().isReplaced(l, n, c.numAttentionLayers()));
            boolean moe = c.numExperts() > 0 && c.moeLayout() != null
                    && c.moeLayout().isReplaced(l, n, c.numMoeLayers());
            out.add(new LayerSpec(l, attention ? Mixing.ATTENTION : Mixing.MIXER,
                    attention ? "attention" : c.architecture().mixerName(),
                    moe ? FeedForward.MOE : FeedForward.DENSE));
        }
        return new LayerMap(out);
    }

    public int size() {
        return layers.size();
    }

    public LayerSpec get(int layer) {
        return layers.get(layer);
    }

    /** Indices of the attention layers. */
    public List<Integer> attentionLayers() {
        return layers.stream().filter(LayerSpec::isAttention).map(LayerSpec::index).collect(Collectors.toList());
    }

    /** Indices of the MoE layers. */
    public List<Integer> moeLayers() {
        return layers.stream().filter(LayerSpec::isMoe).map(LayerSpec::index).collect(Collectors.toList());
    }

    /**
     * A compact strip, one column per layer: first row A (attention) or M (mixer), second row E
     * (MoE) or D (dense). Example for Sparse Mixer Base: {@code MMMMMMMMMMAAAA / DDDDDEEEEDDDDD}.
     */
    public String strip() {
        StringBuilder mix = new StringBuilder();
        StringBuilder ff = new StringBuilder();
        for (LayerSpec s : layers) {
            mix.append(s.isAttention() ? 'A' : 'M');
            ff.append(s.isMoe() ? 'E' : 'D');
        }
        return mix + " / " + ff;
    }

    /** One line per layer: {@code layer  5: linear     + MoE}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (LayerSpec s : layers) {
            sb.append(String.format("layer %2d: %-10s + %s%n", s.index(), s.mixerName(),
                    s.isMoe() ? "MoE" : "dense FF"));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return strip();
    }
}
