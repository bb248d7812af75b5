package org.sparsemixerlab.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.analysis.LayerFlow;
import org.sparsemixerlab.analysis.RoutingSample;

/**
 * The routing-across-layers view: for each pair of successive MoE layers a heatmap of where the
 * tokens of each expert in the first layer go in the second (row shares), with the mutual information
 * against its maximum. From plain Java:
 * <pre>
 * display(LayerFlowView.figure(sample, -1));   // every successive pair; or the first layer of one pair
 * </pre>
 */
public final class LayerFlowView {
    private LayerFlowView() {}

    /**
     * The flows from {@code fromLayer} to the next MoE layer, or between every successive pair when
     * {@code fromLayer < 0}.
     *
     * @throws IllegalArgumentException when the model has one MoE layer or {@code fromLayer} is the last
     */
    public static AnalysisFigure figure(RoutingSample sample, int fromLayer) {
        List<Integer> l = sample.layerIndices();
        if (l.size() < 2) {
            throw new IllegalArgumentException("routing across layers needs two MoE layers; this model has " + l);
        }
        List<LayerFlow> flows = new ArrayList<>();
        for (int i = 0; i + 1 < l.size(); i++) {
            if (fromLayer < 0 || l.get(i) == fromLayer) {
                flows.add(LayerFlow.of(sample, l.get(i), l.get(i + 1)));
            }
        }
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("layer " + fromLayer + " has no later MoE layer to flow into; pick one of "
                    + l.subList(0, l.size() - 1));
        }
        return figure(flows, sample.tokens());
    }

    /** The view of computed flows. */
    public static AnalysisFigure figure(List<LayerFlow> flows, long tokens) {
        List<BufferedImage> panels = new ArrayList<>();
        HtmlTable table = HtmlTable.of("from layer", "to layer", "I(A;B) bits", "max bits", "I / max", "log2 E");
        for (LayerFlow f : flows) {
            String[] rows = new String[f.experts()];
            String[] cols = new String[f.experts()];
            String[][] text = new String[f.experts()][f.experts()];
            for (int i = 0; i < f.experts(); i++) {
                rows[i] = "expert " + i;
                cols[i] = "expert " + i;
                for (int j = 0; j < f.experts(); j++) {
                    text[i][j] = String.format(Locale.ROOT, "%.0f%%", 100 * f.rowShares()[i][j]);
                }
            }
            String title = String.format(Locale.ROOT, "layer %d (rows) to layer %d (columns): I = %.3f of at most %.3f bits",
                    f.layerA(), f.layerB(), f.mutualInformationBits(), f.maxBits());
            panels.add(MatrixPanel.paint(title, "", rows, cols, f.rowShares(), text, MatrixPanel.Scale.SEQUENTIAL,
                    "each row: where the tokens of that layer-" + f.layerA() + " expert go in layer " + f.layerB()
                            + " (rows sum to 100%)"));
            table.row(f.layerA(), f.layerB(), fmt(f.mutualInformationBits()), fmt(f.maxBits()), fmt(f.normalised()),
                    fmt(Math.log(f.experts()) / Math.log(2)));
        }
        List<String> notes = List.of(
                String.format(Locale.ROOT, "%,d held-out tokens, top expert in each layer", tokens),
                "I(A;B) = 0: the second layer's choice ignores the first; I = max = min(H(A), H(B)): one determines the other");
        return new AnalysisFigure("Routing across layers", panels, 2, notes, table);
    }

    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }
}
