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

    /**
     * A recorded layer's settings, diagnostics and per-expert load for the first traced example,
     * with real tokens and padding counted apart ({@link RoutingAccount}: the definition of "left
     * behind" the heatmaps use).
     */
    public static HtmlTable of(RoutingTrace trace, RoutingTrace.Layer layer) {
        RoutingAccount a = RoutingAccount.of(trace, layer, 0);
        HtmlTable t = HtmlTable.of("quantity", "value");
        t.row("layer", layer.layerIndex());
        t.row("routing", RoutingSetting.of(layer.spec()).label());
        t.row("batch x seq (groups x tokens per group)", layer.batch() + " x " + layer.seq() + " (" + layer.groups()
                + " x " + layer.tokensPerGroup() + ")");
        t.row("capacity C (slots per expert and group)", layer.capacity());
        t.row("real tokens left behind (no expert processed them)", a.realLeftBehind() + " of " + a.realTokens()
                + " (" + pct(a.realLeftBehindFraction()) + ")");
        if (a.padding() > 0) {
            t.row("padding", a.paddingExcluded() ? a.padding() + " positions, kept out of routing"
                    : a.padding() + " positions routed; " + a.paddingUnprocessed() + " of them got no expert");
            t.row("expert slots taken by [PAD]", a.paddingSlots() + " of " + a.slots());
        }
        t.row("expert usage (kept / slots, padding included)", pct(layer.metrics().expertUsage()));
        if (Double.isFinite(a.confidence())) {
            t.row("router confidence (mean top-1 probability, real tokens)", String.format(Locale.ROOT,
                    "%.3f vs %.3f uniform%s", a.confidence(), a.uniform(), a.closeToUniform() ? " (close to uniform)" : ""));
            t.row("router's first choice per expert (real tokens)", java.util.Arrays.toString(a.firstChoice()));
        }
        t.row("aux loss", String.format(Locale.ROOT, "%.4f", layer.metrics().auxLoss()));
        t.row("z loss", String.format(Locale.ROOT, "%.4f", layer.metrics().zLoss()));
        loads(t, ExpertUtilizationCharts.tokensPerExpert(layer), layer.capacity() * layer.groups());
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
        t.row("fraction of routed positions left behind ([PAD] included when routed)", pct(m.fractionLeftBehind()));
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
