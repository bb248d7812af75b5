package org.sparsemixerlab.magics;

import org.sparsemixerlab.data.WordPieceTokenizer;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.render.HeatmapFigure;
import org.sparsemixerlab.render.RoutingSetting;

/**
 * {@code %routing [--model var] [--layer N] [--compare SPEC] text...}: heatmaps of the routing of
 * {@code text} through the last trained model (or the notebook variable {@code var}).
 */
public final class RoutingMagic {

    static final MagicSpec SPEC = MagicSpec.line("routing", "text...", "Token-by-expert routing heatmaps of a text",
            ModelChoice.OPTION,
            MagicOption.integer("layer", "N", -1, 0, 1000, "only this MoE layer (default: every MoE layer)"),
            MagicOption.text("compare", RoutingSetting.SYNTAX, "also route with this setting, side by side"),
            MagicOption.flag("exclude-padding", "re-route with padding kept out of routing "
                    + "(as exclude_padding_from_routing = true)"))
            .returns(HeatmapFigure.class);

    private RoutingMagic() {
    }

    public static Object line(BaseKernel kernel, LabState session, List<String> args) {
        MagicArgs a = SPEC.parse(args);
        int layer = a.integer("layer");
        PretrainingModel model = a.text("model") == null ? session.model()
                : ModelChoice.resolve(kernel, session, a.text("model")).model();
        RoutingSetting other = null;
        if (a.has("compare")) {
            double cf = model == null ? 1.0 : model.config().capacityFactor(false);
            other = RoutingSetting.parse(a.text("compare"), cf);
        }
        WordPieceTokenizer tokens = model == null ? session.tokenizer(org.sparsemixerlab.config.ModelConfig.defaults().vocabSize()) : session.tokenizer(model.config().vocabSize());
        boolean exclude = a.flag("exclude-padding");
        HeatmapFigure f = other == null ? RoutingView.heatmaps(model, tokens, a.text(), layer, exclude)
                : RoutingView.compare(model, tokens, a.text(), layer, other, exclude);
        if (model != null) {
            String cut = RoutingView.truncationWarning(tokens, a.text(), model.config().maxSeqLength());
            if (!cut.isEmpty()) {
                System.out.println(cut);
            }
        }
        kernel.display(kernel.getRenderer().render(f));
        return f;
    }
}
