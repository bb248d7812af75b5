package org.sparsemixerlab.workshop;

import java.util.List;
import org.sparsemixerlab.config.Architecture;
import org.sparsemixerlab.config.LayerMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;

/**
 * Checks a participant's forward FLOPs per token of one encoder layer against the library's
 * analytic count {@link ModelSize#encoderFlopsPerToken()}: the participant's layers, summed over a
 * preset's layer map, plus the embedding projection {@code 2 · d_emb · d}, must match it for BERT,
 * Sparse Mixer and Fast Sparse Mixer presets of every size (attention, linear mixing, dense and MoE
 * feed-forward; a multiply-add counts as 2 FLOPs).
 */
public final class FlopsChecker {
    private FlopsChecker() {}

    /** The participant's count: forward FLOPs per token of one layer of {@code config}. */
    @FunctionalInterface
    public interface LayerFlops {
        double perToken(ModelConfig config, LayerMap.LayerSpec layer);
    }

    static final String EXERCISE = "FLOPs per token";
    private static final double RELATIVE_TOLERANCE = 1e-9;
    private static final List<String> PRESETS = List.of("bert-base", "sparse-mixer-base", "fast-sparse-mixer-base",
            "bert-mini", "sparse-mixer-mini", "fast-sparse-mixer-mini", "bert-tiny", "sparse-mixer-tiny",
            "fast-sparse-mixer-tiny", "sparse-mixer-small", "fast-sparse-mixer-small");

    /** Checks every preset in a fixed order: BERT first, then the linear mixer with MoE, then cf 0.5. */
    public static CheckReport check(LayerFlops flops) {
        if (flops == null) {
            return CheckReport.notDone(EXERCISE, PRESETS.size(), "the function is null; assign a lambda to it.");
        }
        for (int i = 0; i < PRESETS.size(); i++) {
            ModelConfig c = Presets.get(PRESETS.get(i));
            double expected = ModelSize.of(c).encoderFlopsPerToken();
            ParticipantCode.Call<Double> got = ParticipantCode.call(() -> {
                double sum = 2.0 * c.dEmb() * c.dModel();
                for (LayerMap.LayerSpec s : c.layerMap().layers()) {
                    sum += flops.perToken(c, s);
                }
                return sum;
            });
            if (got.stub()) {
                return CheckReport.notDone(EXERCISE, PRESETS.size(), ParticipantCode.stubHint());
            }
            String input = PRESETS.get(i) + " (d " + c.dModel() + ", L " + c.maxSeqLength() + ", d_ff " + c.dFf()
                    + ", expert_d_ff " + c.expertDFf() + ", E " + c.numExperts() + ", train cf "
                    + c.trainCapacityFactor() + ", layers " + c.layerMap() + ")";
            if (!got.ok()) {
                return CheckReport.fail(EXERCISE, i, PRESETS.size(), input, mflops(expected), got.problem(),
                        "the function must return a number for every layer.");
            }
            if (Math.abs(got.value() - expected) > RELATIVE_TOLERANCE * expected) {
                return CheckReport.fail(EXERCISE, i, PRESETS.size(), input, mflops(expected), mflops(got.value()),
                        hint(c));
            }
        }
        return CheckReport.pass(EXERCISE, PRESETS.size());
    }

    private static String hint(ModelConfig c) {
        if (c.architecture() == Architecture.BERT) {
            return "an attention layer costs 4 projections of 2·d² each plus 2·L·d for the scores Q·Kᵀ and 2·L·d for "
                    + "the weighted sum of the values: 8·d² + 4·L·d. A dense feed-forward costs 2·d·d_ff twice: 4·d·d_ff.";
        }
        if (c.trainCapacityFactor() < 1) {
            return "with experts-choose routing every token gets cf experts on average (the slots are cf·T in total): "
                    + "the MoE costs 2·d·E for the router plus cf · 4·d·expert_d_ff; cf 0.5 halves the expert work.";
        }
        return "a linear mixing layer costs 2·L·d (W_seq) + 2·d² (W_hid) per token; an MoE layer 2·d·E for the router "
                + "plus (experts per token) · 4·d·expert_d_ff, where experts-choose gives cf experts per token.";
    }

    private static String mflops(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f MFLOP per token", v / 1e6);
    }
}
