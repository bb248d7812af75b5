package org.sparsemixerlab.render;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.moe.Assignment;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.RoutingTrace;

/**
 * Token-by-expert heatmaps of MoE routing: from a recorded layer of a {@link RoutingTrace} (one
 * example of the traced batch) or from a {@link RoutingPlan} (one routing group), plus side-by-side
 * comparisons of two routings of the same router logits. Pure: no kernel needed.
 */
public final class RoutingHeatmaps {

    private RoutingHeatmaps() {
    }

    /**
     * The decoded token of every position of one traced example, e.g. {@code [CLS], the, whale, ##s},
     * up to the last token that is not {@code [PAD]} (trailing padding is left out, so the heatmap
     * shows the text only). Positions without an attached id are labelled {@code #position}.
     */
    public static List<String> tokenLabels(RoutingTrace trace, int example, int seq, WordPieceTokenizer tokenizer) {
        List<String> out = new ArrayList<>();
        for (int p = 0; p < seq; p++) {
            int id = trace.tokenId(example, p);
            out.add(id < 0 || tokenizer == null ? "#" + p : tokenizer.idToToken(id));
        }
        while (out.size() > 1 && "[PAD]".equals(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Heatmap of one example of a recorded layer, rows labelled with the decoded tokens. */
    public static RoutingHeatmap of(RoutingTrace trace, int layerIndex, int example, WordPieceTokenizer tokenizer) {
        RoutingTrace.Layer layer = trace.layer(layerIndex);
        return of(trace, layer, example, tokenLabels(trace, example, layer.seq(), tokenizer));
    }

    /**
     * Heatmap of one example of a recorded layer, with real tokens and padding told apart by the
     * trace's real-token mask ({@link RoutingTrace#setRealTokens}).
     */
    public static RoutingHeatmap of(RoutingTrace trace, RoutingTrace.Layer layer, int example, List<String> tokens) {
        String title = String.format(Locale.ROOT, "layer %d: %s%s", layer.layerIndex(),
                RoutingSetting.of(layer.spec()).label(), layer.paddingExcluded() ? ", padding excluded" : "");
        return fromAssignments(title, layer.assignments(), layer.groups(), layer.tokensPerGroup(), layer.seq(), example,
                tokens, layer.experts(), layer.capacity(), layer.batch(), trace.realTokenMask(), layer.logits(),
                layer.paddingExcluded());
    }

    /**
     * Heatmap of one example of a recorded layer.
     *
     * @param tokens labels of the first positions (at most {@code SEQ}; rows are drawn for these
     *     only); a position labelled {@code [PAD]} or past the labels counts as padding (as
     *     {@link #tokenLabels} leaves trailing padding out)
     */
    public static RoutingHeatmap of(RoutingTrace.Layer layer, int example, List<String> tokens) {
        String title = String.format(Locale.ROOT, "layer %d: %s", layer.layerIndex(),
                RoutingSetting.of(layer.spec()).label());
        return fromAssignments(title, layer.assignments(), layer.groups(), layer.tokensPerGroup(), layer.seq(), example,
                tokens, layer.experts(), layer.capacity(), layer.batch(), labelMask(layer, example, tokens), layer.logits(),
                layer.paddingExcluded());
    }

    /** Real-token mask from the labels: {@code [PAD]} and positions past the labels are padding. */
    private static boolean[] labelMask(RoutingTrace.Layer layer, int example, List<String> tokens) {
        boolean[] real = new boolean[layer.batch() * layer.seq()];
        java.util.Arrays.fill(real, true);
        if (example >= 0 && example < layer.batch()) {
            for (int p = 0; p < layer.seq(); p++) {
                real[example * layer.seq() + p] = p < tokens.size() && !"[PAD]".equals(tokens.get(p));
            }
        }
        return real;
    }

    /**
     * Heatmap of one routing group of a plan (rows are the group's tokens; left-behind marks follow
     * the plan's own routable set).
     *
     * @param tokens one label per token of the group {@code [T]}
     */
    public static RoutingHeatmap of(RoutingPlan plan, int group, List<String> tokens, String title) {
        int t = plan.tokensPerGroup();
        checkLabels(tokens, t);
        if (group < 0 || group >= plan.groups()) {
            throw new IllegalArgumentException("group must lie in [0, " + plan.groups() + "); got " + group);
        }
        float[][] w = new float[t][plan.experts()];
        boolean[][] dropped = new boolean[t][plan.experts()];
        for (Assignment a : plan.assignments(group)) {
            if (a.dropped()) {
                dropped[a.token()][a.expert()] = true;
            } else {
                w[a.token()][a.expert()] = a.weight();
            }
        }
        boolean[] left = new boolean[t];
        for (int tok : plan.tokensLeftBehind()[group]) {
            left[tok] = true;
        }
        RoutingAccount account = RoutingAccount.of(plan.assignments(group), plan.groups(), t, t, group, plan.experts(),
                plan.capacity(), null, plan.logits().toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray(), false);
        return new RoutingHeatmap(title, tokens, w, dropped, left, plan.capacity(), account);
    }

    /** Labels {@code t0, t1, ...} for hand-made plans. */
    public static List<String> positions(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add("t" + i);
        }
        return out;
    }

    /**
     * The recorded routing of one example next to the same router logits routed again under {@code
     * other} (e.g. experts-choose cf 1.0 against cf 0.5). No model is run.
     */
    public static HeatmapFigure compare(RoutingTrace trace, int layerIndex, int example, WordPieceTokenizer tokenizer,
            RoutingSetting other) {
        return compare(trace, layerIndex, example, tokenizer, other, false);
    }

    /**
     * Like {@link #compare(RoutingTrace, int, int, WordPieceTokenizer, RoutingSetting)}; with {@code
     * excludePadding} both panels are the logits re-routed with padding kept out of routing (as
     * {@code exclude_padding_from_routing = true} routes them).
     */
    public static HeatmapFigure compare(RoutingTrace trace, int layerIndex, int example, WordPieceTokenizer tokenizer,
            RoutingSetting other, boolean excludePadding) {
        RoutingTrace.Layer layer = trace.layer(layerIndex);
        List<String> tokens = tokenLabels(trace, example, layer.seq(), tokenizer);
        RoutingHeatmap first = excludePadding
                ? rerouted(trace, layer, example, tokens, RoutingSetting.of(layer.spec()), true)
                : of(trace, layer, example, tokens);
        return new HeatmapFigure(List.of(first, rerouted(trace, layer, example, tokens, other, excludePadding)));
    }

    /** Two re-routings of the same recorded logits side by side. */
    public static HeatmapFigure compare(RoutingTrace.Layer layer, int example, List<String> tokens, RoutingSetting left,
            RoutingSetting right) {
        return new HeatmapFigure(List.of(rerouted(layer, example, tokens, left), rerouted(layer, example, tokens, right)));
    }

    /** The recorded logits of one example routed under {@code setting}. */
    public static RoutingHeatmap rerouted(RoutingTrace.Layer layer, int example, List<String> tokens,
            RoutingSetting setting) {
        try (NDManager manager = NDManager.newBaseManager()) {
            RoutingPlan plan = layer.reroute(manager, setting.toSpec(layer.spec().minCapacity()));
            String title = String.format(Locale.ROOT, "layer %d: %s", layer.layerIndex(), setting.label());
            return fromAssignments(title, plan.assignments(), plan.groups(), plan.tokensPerGroup(), layer.seq(), example,
                    tokens, plan.experts(), plan.capacity(), layer.batch(), labelMask(layer, example, tokens),
                    layer.logits(), layer.paddingExcluded());
        }
    }

    /**
     * The recorded logits of one example routed under {@code setting}; with {@code excludePadding}
     * the padding the trace knows of is kept out of routing (it takes no slot), as the configuration's
     * {@code exclude_padding_from_routing = true} routes it; else the layer's own routable set.
     */
    public static RoutingHeatmap rerouted(RoutingTrace trace, RoutingTrace.Layer layer, int example,
            List<String> tokens, RoutingSetting setting, boolean excludePadding) {
        boolean[] real = trace.realTokenMask();
        if (excludePadding && real == null) {
            throw new IllegalArgumentException("this trace does not know which positions are padding; record it with "
                    + "RoutingProbe (or call trace.setRealTokens) to exclude padding");
        }
        boolean excluded = excludePadding || layer.paddingExcluded();
        try (NDManager manager = NDManager.newBaseManager()) {
            RoutingPlan plan = excludePadding ? layer.reroute(manager, setting.toSpec(layer.spec().minCapacity()), real)
                    : layer.reroute(manager, setting.toSpec(layer.spec().minCapacity()));
            String title = String.format(Locale.ROOT, "layer %d: %s%s", layer.layerIndex(), setting.label(),
                    excluded ? ", padding excluded" : "");
            return fromAssignments(title, plan.assignments(), plan.groups(), plan.tokensPerGroup(), layer.seq(), example,
                    tokens, plan.experts(), plan.capacity(), layer.batch(), real, layer.logits(), excluded);
        }
    }

    private static RoutingHeatmap fromAssignments(String title, List<Assignment> assignments, int groups,
            int tokensPerGroup, int seq, int example, List<String> tokens, int experts, int capacity, int batch,
            boolean[] real, float[] logits, boolean paddingExcluded) {
        if (tokens.isEmpty() || tokens.size() > seq) {
            throw new IllegalArgumentException("expected 1 to " + seq + " token labels (one per shown position), got "
                    + tokens.size() + "; pass tokenLabels(...)");
        }
        int rows = tokens.size();
        if (example < 0 || example >= batch) {
            throw new IllegalArgumentException("example must lie in [0, " + batch + "); got " + example);
        }
        float[][] w = new float[rows][experts];
        boolean[][] dropped = new boolean[rows][experts];
        for (Assignment a : assignments) {
            int flat = a.group() * tokensPerGroup + a.token();
            int p = flat % seq;
            if (flat / seq != example || p >= rows) {
                continue;
            }
            if (a.dropped()) {
                dropped[p][a.expert()] = true;
            } else {
                w[p][a.expert()] = a.weight();
            }
        }
        boolean[] left = new boolean[rows];
        for (int p = 0; p < rows; p++) {
            boolean kept = false;
            for (float v : w[p]) {
                kept |= v > 0;
            }
            boolean isReal = real == null ? !"[PAD]".equals(tokens.get(p)) : real[example * seq + p];
            left[p] = !kept && isReal;
        }
        RoutingAccount account = RoutingAccount.of(assignments, groups, tokensPerGroup, seq, example, experts, capacity,
                real, logits, paddingExcluded);
        return new RoutingHeatmap(title, tokens, w, dropped, left, capacity, account);
    }

    private static void checkLabels(List<String> tokens, int expected) {
        if (tokens.size() != expected) {
            throw new IllegalArgumentException("expected one token label per position (" + expected + "), got "
                    + tokens.size() + "; pass tokenLabels(...) or positions(" + expected + ")");
        }
    }
}
