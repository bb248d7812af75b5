package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.moe.ExpertsChooseRouting;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.TokensChooseRouting;
import org.sparsemixerlab.train.StepMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartFactoriesTest {

    /** 6 tokens x 3 experts; token 5 prefers no expert strongly. */
    private static final float[] LOGITS = {
        3, 0, 0,
        2.5f, 0.1f, 0,
        0, 3, 0,
        0, 0, 3,
        2, 0.2f, 0.1f,
        0.1f, 0.1f, 0.1f};

    private static List<StepMetrics> steps(int n) {
        List<StepMetrics> out = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            out.add(new StepMetrics(s, 1e-3, 10.0 / s, Map.of("mlm_loss", 9.0 / s, "mlm_accuracy", 0.01 * s,
                    "nsp_accuracy", 0.5), List.of(new RoutingMetrics(0, 0.1, 0.2, 1, 0.4),
                    new RoutingMetrics(0, 0.2, 0.3, 1, 0.5)), 1.0, 1000, s, 0.01, 1e-4));
        }
        return out;
    }

    /** The series a legend shows (the style's invisible tick helper is not one). */
    private static List<String> legend(XYChart chart) {
        return chart.getSeriesCollection().stream().filter(s -> s.isShowInLegend()).map(s -> s.getName()).toList();
    }

    private static BufferedImage decode(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    @Test
    void trainingChartsHaveOneSeriesPerReportedMetricAndTheirDeclaredSize() throws Exception {
        XYChart loss = TrainingCharts.loss(steps(12));
        XYChart acc = TrainingCharts.accuracy(steps(12));
        assertEquals(List.of("train loss", "train MLM loss"), legend(loss));
        assertEquals(List.of("train MLM accuracy", "train NSP accuracy"), legend(acc));
        BufferedImage image = decode(ChartImages.png(loss));
        assertEquals(TrainingCharts.WIDTH, image.getWidth());
        assertEquals(TrainingCharts.HEIGHT, image.getHeight());
        assertTrue(loss.getTitle().contains("step 12"), loss.getTitle());
    }

    @Test
    void routingCurvesDrawLeftBehindAndConfidencePerLayer() {
        XYChart chart = ExpertUtilizationCharts.overTraining(steps(5));
        assertEquals(4, legend(chart).size());
        assertTrue(chart.getSeries("MoE #2 confidence") != null, chart.getTitle());
    }

    @Test
    void chartSvgIsAnSvgDocument() {
        String svg = ChartImages.svg(TrainingCharts.loss(steps(3)));
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
    }

    @Test
    void chartGridStacksChartsInRows() throws Exception {
        ChartGrid grid = new ChartGrid(List.of(TrainingCharts.loss(steps(4)), TrainingCharts.accuracy(steps(4)),
                ExpertUtilizationCharts.overTraining(steps(4))), 3);
        BufferedImage image = decode(grid.png());
        assertEquals(1, grid.rows());
        assertTrue(image.getWidth() >= 3 * TrainingCharts.WIDTH, "width " + image.getWidth());
    }

    @Test
    void heatmapOfAPlanHasOneRowPerTokenAndTheCombineWeightsOfKeptPairings() {
        try (NDManager m = NDManager.newBaseManager()) {
            RoutingPlan plan = ExpertsChooseRouting.route(m.create(LOGITS, new Shape(1, 6, 3)), 2);
            List<String> tokens = List.of("call", "me", "ish", "##mael", "some", "years");
            RoutingHeatmap h = RoutingHeatmaps.of(plan, 0, tokens, "experts-choose");
            assertEquals(tokens, h.tokens());
            assertEquals(3, h.experts());
            // independent softmax of token 0: expert 0 takes it (highest probability column entry)
            double z = Math.exp(3) + 2;
            assertEquals(Math.exp(3) / z, h.weights()[0][0], 1e-5);
            // each expert keeps exactly C = 2 tokens under experts-choose
            assertEquals(List.of(2, 2, 2), java.util.Arrays.stream(h.tokensPerExpert()).boxed().toList());
            int left = 0;
            for (int t = 0; t < 6; t++) {
                boolean any = false;
                for (float w : h.weights()[t]) {
                    any |= w > 0;
                }
                left += any ? 0 : 1;
                assertEquals(!any, h.leftBehind()[t], "token " + t);
            }
            assertEquals(left, plan.tokensLeftBehind()[0].length);
        }
    }

    @Test
    void tokensChooseHeatmapMarksDroppedPairings() {
        try (NDManager m = NDManager.newBaseManager()) {
            RoutingPlan plan = TokensChooseRouting.route(m.create(LOGITS, new Shape(1, 6, 3)), 1, 1, false);
            RoutingHeatmap h = RoutingHeatmaps.of(plan, 0, RoutingHeatmaps.positions(6), "tokens-choose");
            assertEquals(plan.droppedAssignments().size(), h.droppedCount());
            assertTrue(h.droppedCount() > 0);
            // token 1 chose expert 0 after token 0 filled it (C = 1)
            assertTrue(h.dropped()[1][0]);
            assertTrue(h.leftBehind()[1]);
        }
    }

    @Test
    void heatmapFigureImageHasTheMeasuredSizeAndSideBySidePanelsAreWider() {
        try (NDManager m = NDManager.newBaseManager()) {
            RoutingPlan a = ExpertsChooseRouting.route(m.create(LOGITS, new Shape(1, 6, 3)), 2);
            RoutingHeatmap h = RoutingHeatmaps.of(a, 0, RoutingHeatmaps.positions(6), "a");
            HeatmapFigure one = new HeatmapFigure(List.of(h));
            HeatmapFigure two = new HeatmapFigure(List.of(h, h, h));
            BufferedImage image = one.image();
            assertEquals(one.width(), image.getWidth());
            assertEquals(one.height(), image.getHeight());
            assertTrue(two.width() > one.width());
            assertTrue(one.svg().contains("<svg"));
            assertTrue(one.toText().contains("t5"));
        }
    }

    @Test
    void tablesawHtmlEscapesAndCutsLongTables() {
        Table t = Table.create("runs", StringColumn.create("name"), DoubleColumn.create("loss"));
        for (int i = 0; i < 50; i++) {
            t.stringColumn("name").append(i == 0 ? "<b>" : "r" + i);
            t.doubleColumn("loss").append(i);
        }
        String html = TablesawHtml.html(t, 10);
        assertTrue(html.contains("&lt;b&gt;"), html);
        assertTrue(html.contains("40 more rows"), html);
        assertFalse(html.contains(">r20<"), html);
        assertTrue(html.contains(">r49<"), html);
    }

    @Test
    void layerMapStripHasOneMixingAndOneFeedForwardCellPerLayer() {
        var map = Presets.get("sparse-mixer-base").layerMap();
        String html = LayerMapStrip.html(map);
        long cells = html.split("title=\"layer ", -1).length - 1;
        assertEquals(2L * map.size(), cells);
        assertEquals(map.moeLayers().size(), html.split(">E</td>", -1).length - 1);
    }

    @Test
    void routingSettingParsesTheCompareSpellings() {
        assertEquals(RoutingSetting.expertsChoose(0.5), RoutingSetting.parse("cf:0.5", 1.0));
        assertEquals(RoutingSetting.tokensChoose(2, 1.0, false), RoutingSetting.parse("tokens:2", 1.0));
        assertEquals(RoutingSetting.tokensChoose(1, 1.25, true), RoutingSetting.parse("tokens:1:bpr:cf=1.25", 1.0));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RoutingSetting.parse("random", 1.0));
        assertTrue(e.getMessage().contains("expected experts"), e.getMessage());
    }
}
