package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.render.ExpertUtilizationCharts;
import org.sparsemixerlab.render.HeatmapFigure;
import org.sparsemixerlab.render.RoutingHeatmap;
import org.sparsemixerlab.render.RoutingSetting;

class RoutingViewTest {

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

    private static List<String> expectedTokens() {
        List<String> out = new ArrayList<>();
        for (int id : tokenizer.encodeWithSpecials(TEXT)) {
            out.add(tokenizer.idToToken(id));
        }
        return out;
    }

    @Test
    void heatmapRowsAreTheDecodedTokensOfTheText() {
        HeatmapFigure f = RoutingView.heatmaps(model, tokenizer, TEXT, -1);
        assertEquals(model.config().layerMap().moeLayers().size(), f.panels().size());
        for (RoutingHeatmap h : f.panels()) {
            assertEquals(expectedTokens(), h.tokens());
            assertEquals(model.config().numExperts(), h.experts());
        }
        assertEquals("[CLS]", f.panels().get(0).tokens().get(0));
        assertTrue(f.image().getHeight() > expectedTokens().size() * 10);
    }

    @Test
    void traceBecomesTheSessionTraceAndFeedsTheUtilizationChart() {
        RoutingTrace trace = RoutingView.trace(model, tokenizer, TEXT);
        assertEquals(trace, LabSession.trace());
        CategoryChart chart = ExpertUtilizationCharts.tokensPerExpert(trace);
        assertEquals(trace.layers().size() + 1, chart.getSeriesCollection().size());
        RoutingTrace.Layer layer = trace.layers().get(0);
        int kept = Arrays.stream(ExpertUtilizationCharts.tokensPerExpert(layer)).sum();
        long fromAssignments = layer.assignments().stream().filter(a -> !a.dropped()).count();
        assertEquals(fromAssignments, kept);
        boolean anyIdle = Arrays.stream(ExpertUtilizationCharts.tokensPerExpert(layer)).anyMatch(n -> n == 0);
        assertEquals(anyIdle, ExpertUtilizationCharts.collapseWarnings(trace).stream()
                .anyMatch(w -> w.startsWith("layer " + layer.layerIndex() + ":")));
    }

    @Test
    void halvingTheCapacityFactorHalvesTheSlotsOfTheComparedPanel() {
        int layer = model.config().layerMap().moeLayers().get(0);
        HeatmapFigure f = RoutingView.compare(model, tokenizer, TEXT, layer, RoutingSetting.expertsChoose(0.5));
        RoutingHeatmap full = f.panels().get(0);
        RoutingHeatmap half = f.panels().get(1);
        assertEquals(full.tokens(), half.tokens());
        assertTrue(half.capacity() < full.capacity(), half.capacity() + " vs " + full.capacity());
        assertTrue(half.leftBehindCount() >= full.leftBehindCount());
        for (int n : half.tokensPerExpert()) {
            assertTrue(n <= half.capacity(), n + " tokens in an expert of capacity " + half.capacity());
        }
    }

    @Test
    void blankTextIsAUsageError() {
        MagicUsageException e = org.junit.jupiter.api.Assertions.assertThrows(MagicUsageException.class,
                () -> RoutingView.trace(model, tokenizer, " "));
        assertTrue(e.getMessage().contains("no text to route"), e.getMessage());
    }
}
