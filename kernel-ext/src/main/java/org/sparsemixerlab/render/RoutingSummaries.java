package org.sparsemixerlab.render;

import java.util.Locale;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.RoutingTrace;

/** Summary tables of routing decisions: settings, the five diagnostics and the load of every expert. */
public final class RoutingSummaries {

    private RoutingSummaries() {
    }

    /** A plan's settings, diagnostics and per-expert load (kept pairings over all groups vs capacity). */
    public static HtmlTable of(RoutingPlan plan) {
        HtmlTable t = HtmlTable.of("quantity", "value");
        t.row("algorithm", RoutingSetting.of(plan.spec())
                .label().replace(", cf 1", ""));
        t.row("groups x tokens per group x experts", plan.groups() + " x " + plan.tokensPerGroup() + " x "
                + plan.experts());
        t.row("capacity C (slots per expert and group)", plan.capacity());
        t.row("dropped pairings", plan.droppedAssignments().size());
        metrics(t, plan.metrics());
        int[] load = new int[plan.experts()];
        for (int[] g : plan.expertLoad()) {
            for (int e = 0; e < load.length; e++) {
                load[e] += g[e];
            }
        }
        loads(t, load, plan.capacity() * plan.groups());
        return t;
    }

    /** A recorded layer's settings, diagnostics and per-expert load. */
    public static HtmlTable of(RoutingTrace.Layer layer) {
        HtmlTable t = HtmlTable.of("quantity", "value");
        t.row("layer", layer.layerIndex());
        t.row("routing", RoutingSetting.of(layer.spec()).label());
        t.row("batch x seq (groups x tokens per group)", layer.batch() + " x " + layer.seq() + " (" + layer.groups()
                + " x " + layer.tokensPerGroup() + ")");
        t.row("capacity C (slots per expert and group)", layer.capacity());
        metrics(t, layer.metrics());
        loads(t, ExpertUtilizationCharts.tokensPerExpert(layer), layer.capacity() * layer.groups());
        return t;
    }

    private static void metrics(HtmlTable t, RoutingMetrics m) {
        t.row("fraction of tokens left behind", pct(m.fractionLeftBehind()));
        t.row("expert usage (kept / slots)", pct(m.expertUsage()));
        t.row("router confidence (mean kept weight)", String.format(Locale.ROOT, "%.3f", m.routerConfidence()));
        t.row("aux loss", String.format(Locale.ROOT, "%.4f", m.auxLoss()));
        t.row("z loss", String.format(Locale.ROOT, "%.4f", m.zLoss()));
    }

    private static void loads(HtmlTable t, int[] load, int slots) {
        for (int e = 0; e < load.length; e++) {
            t.row("expert " + e + " load", load[e] + " of " + slots + " slots" + (load[e] == 0 ? " (never fires)" : ""));
        }
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
