package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.model.RoutingProbe;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.render.HeatmapFigure;
import org.sparsemixerlab.render.RoutingHeatmap;
import org.sparsemixerlab.render.RoutingHeatmaps;
import org.sparsemixerlab.render.RoutingSetting;

/**
 * Routing of real text through a model: tokenizes {@code [CLS] text [SEP]}, records its routing
 * with the library's {@link RoutingProbe} (evaluation mode, padded to {@code max_seq_length} as in
 * training; the heatmaps show the text's rows only) and draws token-by-expert heatmaps of its MoE
 * layers. The trace becomes {@link LabSession#trace()} for {@code %experts}.
 */
public final class RoutingView {

    private RoutingView() {
    }

    /** Runs the model on one text and returns the trace (token ids attached). */
    public static RoutingTrace trace(PretrainingModel model, WordPieceTokenizer tokenizer, String text) {
        if (model == null) {
            throw new MagicUsageException("no model: train one first (%train or LiveTraining.run) or pass a model");
        }
        if (text == null || text.isBlank()) {
            throw new MagicUsageException("no text to route; give a sentence, e.g. %routing call me ishmael");
        }
        if (!model.config().hasMoe()) {
            throw new MagicUsageException("this model has no MoE layer (num_moe_layers or num_experts is 0)");
        }
        int[] ids = tokenizer.encodeWithSpecials(text);
        RoutingTrace trace = RoutingProbe.trace(model, ids);
        LabSession.current().trace(trace);
        return trace;
    }

    /**
     * The warning for a text longer than {@code max_seq_length}, naming how many word pieces were
     * cut and the first of them, e.g. {@code the text is 70 word pieces with [CLS] and [SEP] but
     * the model reads 64 (max_seq_length): 6 pieces were cut (##lee ##n of ...)}; empty when
     * nothing was cut.
     */
    public static String truncationWarning(WordPieceTokenizer tokenizer, String text, int maxSeqLength) {
        int[] ids = tokenizer.encodeWithSpecials(text);
        int cut = ids.length - maxSeqLength;
        if (cut <= 0) {
            return "";
        }
        StringBuilder pieces = new StringBuilder();
        int shown = Math.min(cut, 6);
        for (int i = 0; i < shown; i++) {
            pieces.append(i == 0 ? "" : " ").append(tokenizer.idToToken(ids[maxSeqLength - 1 + i]));
        }
        return "warning: the text is " + ids.length + " word pieces with [CLS] and [SEP] but the model reads "
                + maxSeqLength + " (max_seq_length): the last " + cut + " word piece" + (cut == 1 ? " was" : "s were")
                + " cut and are not routed (" + pieces + (cut > shown ? " ..." : "") + "); [SEP] is kept";
    }

    /** Heatmaps of every MoE layer of the model for one text (or only {@code layer} when >= 0). */
    public static HeatmapFigure heatmaps(PretrainingModel model, WordPieceTokenizer tokenizer, String text, int layer) {
        return heatmaps(model, tokenizer, text, layer, false);
    }

    /**
     * Heatmaps of the MoE layers (or only {@code layer} when >= 0); with {@code excludePadding} the
     * recorded logits are routed again with the padding kept out of routing, as the configuration's
     * {@code exclude_padding_from_routing = true} routes them.
     */
    public static HeatmapFigure heatmaps(PretrainingModel model, WordPieceTokenizer tokenizer, String text, int layer,
            boolean excludePadding) {
        RoutingTrace trace = trace(model, tokenizer, text);
        List<RoutingHeatmap> panels = new ArrayList<>();
        for (RoutingTrace.Layer l : trace.layers()) {
            if (layer < 0 || l.layerIndex() == layer) {
                List<String> labels = RoutingHeatmaps.tokenLabels(trace, 0, l.seq(), tokenizer);
                panels.add(excludePadding && !l.paddingExcluded()
                        ? RoutingHeatmaps.rerouted(trace, l, 0, labels, RoutingSetting.of(l.spec()), true)
                        : RoutingHeatmaps.of(trace, l, 0, labels));
            }
        }
        if (panels.isEmpty()) {
            throw new MagicUsageException("no MoE layer " + layer + "; MoE layers: " + model.config().layerMap().moeLayers());
        }
        return new HeatmapFigure(panels, notes(model, tokenizer, text, excludePadding));
    }

    /** One layer's recorded routing of the text next to the same logits routed under {@code other}. */
    public static HeatmapFigure compare(PretrainingModel model, WordPieceTokenizer tokenizer, String text, int layer,
            RoutingSetting other) {
        return compare(model, tokenizer, text, layer, other, false);
    }

    /** Like {@link #compare(PretrainingModel, WordPieceTokenizer, String, int, RoutingSetting)}, optionally without padding. */
    public static HeatmapFigure compare(PretrainingModel model, WordPieceTokenizer tokenizer, String text, int layer,
            RoutingSetting other, boolean excludePadding) {
        RoutingTrace trace = trace(model, tokenizer, text);
        int l = layer >= 0 ? layer : trace.layers().get(0).layerIndex();
        try {
            return RoutingHeatmaps.compare(trace, l, 0, tokenizer, other, excludePadding)
                    .withNotes(notes(model, tokenizer, text, excludePadding));
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
    }

    private static List<String> notes(PretrainingModel model, WordPieceTokenizer tokenizer, String text,
            boolean excludePadding) {
        List<String> out = new ArrayList<>();
        String cut = truncationWarning(tokenizer, text, model.config().maxSeqLength());
        if (!cut.isEmpty()) {
            out.add(cut);
        }
        if (model.config().excludePaddingFromRouting()) {
            out.add("the model's config sets exclude_padding_from_routing = true: padding takes no expert slot");
        } else if (excludePadding) {
            out.add("re-routed with padding kept out (what exclude_padding_from_routing = true does); the model "
                    + "itself routes padding");
        } else {
            out.add("the model's config routes padding (exclude_padding_from_routing = false); "
                    + "--exclude-padding re-routes the same logits without it");
        }
        return out;
    }

    /** Displays the heatmaps of every MoE layer for {@code text} in the notebook and returns them. */
    public static HeatmapFigure show(PretrainingModel model, WordPieceTokenizer tokenizer, String text) {
        HeatmapFigure f = heatmaps(model, tokenizer, text, -1);
        org.sparsemixerlab.kernel.Notebook.show(f);
        return f;
    }
}
