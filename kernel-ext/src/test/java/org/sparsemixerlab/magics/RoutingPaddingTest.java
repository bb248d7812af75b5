package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.Assignment;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.render.ExpertUtilizationCharts;
import org.sparsemixerlab.render.HeatmapFigure;
import org.sparsemixerlab.render.HtmlTable;
import org.sparsemixerlab.render.RoutingHeatmap;
import org.sparsemixerlab.render.RoutingSetting;
import org.sparsemixerlab.render.RoutingSummaries;

/** Padding, truncation, the exclude option and the one definition of "left behind" on a real (untrained) model. */
class RoutingPaddingTest {

    private static NDManager manager;
    private static PretrainingModel model;
    private static WordPieceTokenizer tokenizer;
    private static final String TEXT = "Call me Ishmael. Some years ago, never mind how long precisely.";

    @BeforeAll
    static void build() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        manager = NDManager.newBaseManager();
        model = new PretrainingModel(c);
        Shape ids = new Shape(2, c.maxSeqLength());
        model.initialize(manager, DataType.FLOAT32, ids, ids, ids, new Shape(2, 4));
        tokenizer = LabSession.tokenizer();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static int realLength() {
        return tokenizer.encodeWithSpecials(TEXT).length;
    }

    /** Kept pairings at positions at or after the text's end, counted from the recorded assignments. */
    private static int keptAtPadding(RoutingTrace.Layer layer, int real) {
        int n = 0;
        for (Assignment a : layer.assignments()) {
            int p = (a.group() * layer.tokensPerGroup() + a.token()) % layer.seq();
            n += !a.dropped() && p >= real ? 1 : 0;
        }
        return n;
    }

    @Test
    void everyPanelSaysHowManyExpertSlotsWentToPadding() {
        assertFalse(model.config().excludePaddingFromRouting(), "the preset routes padding; this test needs it");
        HeatmapFigure f = RoutingView.heatmaps(model, tokenizer, TEXT, -1);
        RoutingTrace trace = LabSession.trace();
        int real = realLength();
        assertTrue(real < model.config().maxSeqLength());
        for (RoutingHeatmap h : f.panels()) {
            int layerIndex = Integer.parseInt(h.title().substring("layer ".length(), h.title().indexOf(':')));
            RoutingTrace.Layer layer = trace.layer(layerIndex);
            int slots = layer.capacity() * layer.experts() * layer.groups();
            String expected = "padding routed: " + keptAtPadding(layer, real) + " of " + slots
                    + " expert slots went to [PAD] (" + (model.config().maxSeqLength() - real) + " padding positions";
            assertTrue(h.notes().stream().anyMatch(n -> n.startsWith(expected)), expected + " not in " + h.notes());
            assertTrue(f.toText().contains(expected), f.toText());
        }
        assertTrue(f.noteLines().stream().anyMatch(n -> n.contains("exclude_padding_from_routing = false")),
                f.noteLines().toString());
    }

    @Test
    void excludingPaddingReroutesTheSameLogitsWithEverySlotForRealTokens() {
        HeatmapFigure f = RoutingView.heatmaps(model, tokenizer, TEXT, -1, true);
        RoutingTrace trace = LabSession.trace();
        int real = realLength();
        for (RoutingHeatmap h : f.panels()) {
            assertTrue(h.title().endsWith("padding excluded"), h.title());
            assertEquals(0, h.account().paddingSlots());
            assertTrue(h.notes().get(0).contains("kept out of routing"), h.notes().toString());
            // experts-choose with padding kept out: each expert fills min(C, real tokens) slots with real tokens.
            int layerIndex = Integer.parseInt(h.title().substring("layer ".length(), h.title().indexOf(':')));
            int c = trace.layer(layerIndex).capacity();
            for (int n : h.tokensPerExpert()) {
                assertEquals(Math.min(c, real), n);
            }
        }
    }

    @Test
    void theSummaryTableAndTheHeatmapCountLeftBehindTheSameWay() {
        HeatmapFigure f = RoutingView.compare(model, tokenizer, TEXT, model.config().layerMap().moeLayers().get(0),
                RoutingSetting.expertsChoose(0.25));
        RoutingTrace trace = LabSession.trace();
        RoutingTrace.Layer layer = trace.layers().get(0);
        RoutingHeatmap h = f.panels().get(0);
        int real = realLength();
        boolean[] kept = new boolean[layer.seq()];
        for (Assignment a : layer.assignments()) {
            if (!a.dropped()) {
                kept[(a.group() * layer.tokensPerGroup() + a.token()) % layer.seq()] = true;
            }
        }
        int left = 0;
        for (int p = 0; p < real; p++) {
            left += kept[p] ? 0 : 1;
        }
        assertEquals(left, h.leftBehindCount());
        assertTrue(h.toText().contains(left + " of " + real + " real tokens left behind"), h.toText());
        String table = RoutingSummaries.of(trace, layer).toHtml();
        assertTrue(table.contains(left + " of " + real + " ("), table);
        assertTrue(table.contains("expert slots taken by [PAD]"), table);
        // the cf 0.25 panel leaves more real tokens behind, counted the same way
        RoutingHeatmap quarter = f.panels().get(1);
        assertTrue(quarter.leftBehindCount() >= left);
        assertEquals(quarter.leftBehindCount(), quarter.account().realLeftBehind());
    }

    @Test
    void aTextLongerThanTheModelIsCutWithAWarningNamingThePieces() {
        String longText = (TEXT + " ").repeat(8);
        int pieces = tokenizer.encodeWithSpecials(longText).length;
        int max = model.config().maxSeqLength();
        assertTrue(pieces > max);
        HeatmapFigure f = RoutingView.heatmaps(model, tokenizer, longText, -1);
        assertEquals(pieces - max, LabSession.trace().cutPieces());
        String warning = f.notes().get(0);
        assertTrue(warning.contains("the last " + (pieces - max) + " word pieces were cut"), warning);
        assertTrue(warning.contains("reads " + max + " (max_seq_length)"), warning);
        assertEquals(max, f.panels().get(0).tokens().size());
        assertEquals("", RoutingView.truncationWarning(tokenizer, TEXT, max));
    }

    @Test
    void expertsRespectsLayerAndDrawsTheCapacityAndTheRoutersFirstChoice() {
        RoutingTrace trace = RoutingView.trace(model, tokenizer, TEXT);
        List<Integer> moe = model.config().layerMap().moeLayers();
        assertEquals(moe.size(), ExpertUtilizationCharts.perLayer(trace, -1).size());
        int last = moe.get(moe.size() - 1);
        List<CategoryChart> one = ExpertUtilizationCharts.perLayer(trace, last);
        assertEquals(1, one.size());
        CategoryChart chart = one.get(0);
        assertTrue(chart.getTitle().startsWith("layer " + last + ":"), chart.getTitle());
        RoutingTrace.Layer layer = trace.layer(last);
        CategorySeries capacity = chart.getSeriesCollection().stream()
                .filter(s -> s.getName().startsWith("capacity")).findFirst().orElseThrow();
        for (double y : capacity.getYData()) {
            assertEquals(layer.capacity() * layer.groups(), y, 1e-9);
        }
        assertTrue(chart.getSeriesCollection().stream().anyMatch(s -> s.getName().startsWith("kept: [PAD]")));
        CategorySeries first = chart.getSeriesCollection().stream()
                .filter(s -> s.getName().equals("router's first choice (real tokens)")).findFirst().orElseThrow();
        int[] expected = new int[layer.experts()];
        for (int p = 0; p < realLength(); p++) {
            float[] l = layer.logitsAt(0, p);
            int best = 0;
            for (int e = 1; e < l.length; e++) {
                best = l[e] > l[best] ? e : best;
            }
            expected[best]++;
        }
        double[] got = first.getYData();
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], got[e], 1e-9, "first choices of expert " + e);
        }
        assertThrows(IllegalArgumentException.class, () -> ExpertUtilizationCharts.perLayer(trace, 99));
    }

    @Test
    void tableOfTheRecordedLayerIsAnHtmlTable() {
        RoutingTrace trace = RoutingView.trace(model, tokenizer, TEXT);
        HtmlTable t = RoutingSummaries.of(trace, trace.layers().get(0));
        assertTrue(t.toHtml().contains("router confidence (mean top-1 probability, real tokens)"), t.toHtml());
    }
}
