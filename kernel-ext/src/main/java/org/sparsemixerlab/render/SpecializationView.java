package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sparsemixerlab.analysis.ExpertProfile;
import org.sparsemixerlab.analysis.RoutingSample;
import org.sparsemixerlab.analysis.Specialization;
import org.sparsemixerlab.analysis.TokenClass;
import org.sparsemixerlab.analysis.TokenClasses;
import org.sparsemixerlab.analysis.TokenCount;

/**
 * The expert-specialisation view: per MoE layer a heatmap of expert x token class coloured by lift
 * over the base rate, and a table per expert with its share, verdict, most frequent tokens and
 * highest-lift tokens. From plain Java:
 * <pre>
 * RoutingSample sample = RoutingSample.collect(lab.model(), tokenizer, 5000);
 * display(SpecializationView.figure(sample, TokenClasses.of(tokenizer), -1));   // -1: every MoE layer
 * </pre>
 */
public final class SpecializationView {
    /** Short column names of the token classes, in class order. */
    static final String[] SHORT = {"special", "##cont.", "punct.", "number", "stop w.", "Capital", "word"};

    private SpecializationView() {}

    /** The view of one MoE layer ({@code layer >= 0}) or of all of them. */
    public static AnalysisFigure figure(RoutingSample sample, TokenClasses classes, int layer) {
        List<Specialization> views = new ArrayList<>();
        for (int l : layer >= 0 ? List.of(layer) : sample.layerIndices()) {
            views.add(Specialization.of(sample, l, classes));
        }
        return figure(views, sample.tokens(), sample.paddingTokens());
    }

    /** The view of computed statistics. */
    public static AnalysisFigure figure(List<Specialization> views, long tokens, long padding) {
        List<java.awt.image.BufferedImage> panels = new ArrayList<>();
        HtmlTable table = HtmlTable.of("layer", "expert", "tokens", "share", "verdict", "most frequent (count)",
                "highest lift (count, lift)");
        for (Specialization s : views) {
            int nc = TokenClass.values().length;
            String[] rows = new String[s.experts()];
            double[][] colour = new double[s.experts()][nc];
            String[][] text = new String[s.experts()][nc];
            for (int e = 0; e < s.experts(); e++) {
                rows[e] = "expert " + e;
                for (int c = 0; c < nc; c++) {
                    boolean present = s.classTotals()[c] > 0 && s.profiles().get(e).tokens() > 0;
                    double lift = s.classLift()[e][c];
                    colour[e][c] = !present ? Double.NaN : lift <= 0 ? -1 : log2(lift) / 2;
                    text[e][c] = present ? String.format(Locale.ROOT, "%.2f", lift) : "-";
                }
            }
            panels.add(MatrixPanel.paint("MoE layer " + s.layer() + ": lift of each token class per expert", "",
                    rows, SHORT, colour, text, MatrixPanel.Scale.DIVERGING,
                    "red: more than the class's base rate (2 = twice), blue: less, white: at it; - = no such token"));
            for (ExpertProfile p : s.profiles()) {
                table.row(s.layer(), p.expert(), p.tokens(), percent(p.share()), p.verdict(),
                        p.frequent().stream().limit(8).map(t -> t.piece() + " (" + t.inExpert() + ")")
                                .collect(Collectors.joining(", ")),
                        p.lifted().stream().limit(8).map(SpecializationView::lifted).collect(Collectors.joining(", ")));
            }
        }
        List<String> notes = List.of(
                String.format(Locale.ROOT, "%,d held-out tokens, each counted at its top expert (the router's first "
                        + "choice); %,d padding positions left out", tokens, padding),
                "lift = share of the class among the expert's tokens / share of the class in the sample",
                "highest-lift tokens need at least " + Specialization.MIN_LIFT_COUNT + " occurrences in the expert",
                "the lab vocabulary is uncased, so the 'Capital' column stays empty");
        return new AnalysisFigure("Expert specialisation", panels, 1, notes, table);
    }

    private static String lifted(TokenCount t) {
        return String.format(Locale.ROOT, "%s (%d, %.1fx)", t.piece(), t.inExpert(), t.lift());
    }

    static String percent(double x) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * x);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
