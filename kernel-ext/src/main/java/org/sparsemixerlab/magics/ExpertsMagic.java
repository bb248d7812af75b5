package org.sparsemixerlab.magics;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.moe.RoutingTrace;
import org.knowm.xchart.CategoryChart;
import org.sparsemixerlab.render.ChartGrid;
import org.sparsemixerlab.render.ExpertUtilizationCharts;
import org.sparsemixerlab.render.Figure;
import org.sparsemixerlab.render.RoutingSummaries;

/**
 * {@code %experts [--layer N]}: for the last traced text (from {@code %routing} or {@link
 * RoutingView}), one chart per MoE layer (only layer N with {@code --layer}) of the kept load of real
 * tokens and of padding against the capacity, the router's own first choice per expert, the lines
 * on left-behind tokens, padding and confidence, and one summary table per shown layer.
 */
public final class ExpertsMagic {

    static final MagicSpec SPEC = MagicSpec.line("experts", "", "Tokens per expert of the last traced batch",
            MagicOption.integer("layer", "N", -1, 0, 1000, "only this MoE layer (default: every MoE layer)"))
            .returns(Figure.class);

    private ExpertsMagic() {
    }

    public static Object line(BaseKernel kernel, LabState session, List<String> args) {
        MagicArgs a = SPEC.parse(args);
        if (!a.words().isEmpty()) {
            throw new MagicUsageException("%experts takes no words, got " + a.words());
        }
        RoutingTrace trace = session.trace();
        if (trace == null || trace.layers().isEmpty()) {
            throw new MagicUsageException("no traced batch yet: run %routing <text> (or RoutingView.trace) first");
        }
        int layer = a.integer("layer");
        List<RoutingTrace.Layer> shown;
        try {
            shown = ExpertUtilizationCharts.shownLayers(trace, layer);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        List<CategoryChart> charts = ExpertUtilizationCharts.perLayer(trace, layer);
        Figure figure = new ChartGrid(charts, Math.min(2, charts.size()));
        kernel.display(kernel.getRenderer().render(figure));
        for (RoutingTrace.Layer l : shown) {
            ExpertUtilizationCharts.layerNotes(trace, l).forEach(System.out::println);
        }
        for (RoutingTrace.Layer l : shown) {
            kernel.display(kernel.getRenderer().render(RoutingSummaries.of(trace, l)));
        }
        return figure;
    }
}
