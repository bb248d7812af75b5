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
        RoutingTrace trace = RoutingProbe.trace(model, tokenizer.encodeWithSpecials(text));
        LabSession.current().trace(trace);
        return trace;
    }

    /** Heatmaps of every MoE layer of the model for one text (or only {@code layer} when >= 0). */
    public static HeatmapFigure heatmaps(PretrainingModel model, WordPieceTokenizer tokenizer, String text, int layer) {
        RoutingTrace trace = trace(model, tokenizer, text);
        List<RoutingHeatmap> panels = new ArrayList<>();
        for (RoutingTrace.Layer l : trace.layers()) {
            if (layer < 0 || l.layerIndex() == layer) {
                panels.add(RoutingHeatmaps.of(l, 0, RoutingHeatmaps.tokenLabels(trace, 0, l.seq(), tokenizer)));
            }
        }
        if (panels.isEmpty()) {
            throw new MagicUsageException("no MoE layer " + layer + "; MoE layers: " + model.config().layerMap().moeLayers());
        }
        return new HeatmapFigure(panels);
    }

    /** One layer's recorded routing of the text next to the same logits routed under {@code other}. */
    public static HeatmapFigure compare(PretrainingModel model, WordPieceTokenizer tokenizer, String text, int layer,
            RoutingSetting other) {
        RoutingTrace trace = trace(model, tokenizer, text);
        int l = layer >= 0 ? layer : trace.layers().get(0).layerIndex();
        try {
            return RoutingHeatmaps.compare(trace, l, 0, tokenizer, other);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
    }

    /** Displays the heatmaps of every MoE layer for {@code text} in the notebook and returns them. */
    public static HeatmapFigure show(PretrainingModel model, WordPieceTokenizer tokenizer, String text) {
        HeatmapFigure f = heatmaps(model, tokenizer, text, -1);
        org.sparsemixerlab.kernel.Notebook.show(f);
        return f;
    }
}
