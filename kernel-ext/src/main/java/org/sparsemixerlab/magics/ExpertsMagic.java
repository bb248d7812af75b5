package org.sparsemixerlab.magics;

import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.render.ChartGrid;
import org.sparsemixerlab.render.ExpertUtilizationCharts;
import org.sparsemixerlab.render.Figure;
import org.sparsemixerlab.render.RoutingSummaries;

/**
 * {@code %experts [--layer N]}: tokens per expert against the fair share for the last traced batch
 * (from {@code %routing} or {@link RoutingView}), collapse named in words, and a summary table.
 */
public final class ExpertsMagic {

    static final MagicSpec SPEC = MagicSpec.line("experts", "", "Tokens per expert of the last traced batch",
            MagicOption.integer("layer", "N", -1, 0, 1000, "also the summary table of this MoE layer"))
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
        Figure figure = ChartGrid.of(ExpertUtilizationCharts.tokensPerExpert(trace));
        kernel.display(kernel.getRenderer().render(figure));
        List<String> collapse = ExpertUtilizationCharts.collapseWarnings(trace);
        System.out.println(collapse.isEmpty() ? "every expert received tokens" : String.join("\n", collapse));
        if (layer >= 0) {
            RoutingTrace.Layer l;
            try {
                l = trace.layer(layer);
            } catch (IllegalArgumentException e) {
                throw new MagicUsageException(e.getMessage());
            }
            kernel.display(kernel.getRenderer().render(RoutingSummaries.of(l)));
        }
        return figure;
    }
}
