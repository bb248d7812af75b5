package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.ablation.StudyResults;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.StepMetrics;

/** The one chart style: sizes against the page, fonts, legends that fit, thinned ticks, palette. */
class ChartStyleTest {

    static List<StepMetrics> steps(int n) {
        List<StepMetrics> out = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            out.add(new StepMetrics(s, 1e-3, 10.0 / s, Map.of("mlm_loss", 9.0 / s, "mlm_accuracy", 0.001 * s,
                    "nsp_accuracy", 0.5), List.of(new RoutingMetrics(0, 0.1, 0.2, 1, 0.4),
                    new RoutingMetrics(0, 0.2, 0.3, 1, 0.5)), 1.0, 1000, s, 0.01, 1e-4));
        }
        return out;
    }

    static List<EvalMetrics> evals(int n, int every) {
        List<EvalMetrics> out = new ArrayList<>();
        for (int s = every; s <= n; s += every) {
            out.add(new EvalMetrics(s, 64, Map.of("loss", 11.0 / s, "mlm_loss", 10.0 / s, "mlm_accuracy", 0.0008 * s,
                    "nsp_accuracy", 0.5), List.of()));
        }
        return out;
    }

    private static List<Chart<?, ?>> everyChart(Path out) {
        StudySpec spec = AblationFixtures.spec();
        AblationFixtures.writeRows(spec, out, List.of("moe", "dense", "fast", "slim"));
        StudySummary study = StudySummary.of(StudyResults.load(spec, out));
        List<Chart<?, ?>> charts = new ArrayList<>();
        TrainingCharts.Curves run = new TrainingCharts.Curves("this run", steps(400), evals(400, 50));
        TrainingCharts.Options o = new TrainingCharts.Options(10, true,
                List.of(new TrainingCharts.Curves("an earlier run with a long name", steps(300), evals(300, 100))));
        charts.addAll(new TrainingFigure(run, o).charts());
        charts.add(TrainingCharts.loss(steps(3)));
        charts.add(AblationCharts.qualityVsSpeed(study, "mlm_accuracy"));
        charts.add(AblationCharts.curves(study, AblationCharts.curveMetric(study, "mlm_accuracy")));
        return charts;
    }

    @Test
    void everyChartFitsThePageAndItsTextIsAtLeastElevenPixels(@TempDir Path out) {
        for (Chart<?, ?> c : everyChart(out)) {
            assertTrue(c.getWidth() <= ChartStyle.PAGE_WIDTH, c.getTitle() + " is " + c.getWidth() + " px wide");
            Styler s = c.getStyler();
            assertTrue(s.getLegendFont().getSize() >= 11, c.getTitle());
            assertTrue(s.getChartTitleFont().getSize() >= 11, c.getTitle());
            AxesChartStyler a = (AxesChartStyler) s;
            assertTrue(a.getAxisTickLabelsFont().getSize() >= 11, c.getTitle());
            assertTrue(a.getAxisTitleFont().getSize() >= 11, c.getTitle());
            assertEquals(Styler.LegendPosition.OutsideS, s.getLegendPosition(), c.getTitle());
        }
    }

    @Test
    void theTrainingFigureIsShownAtItsOwnSizeInTheNotebookPage() throws Exception {
        TrainingFigure f = new TrainingFigure(new TrainingCharts.Curves("r", steps(300), evals(300, 60)),
                TrainingCharts.Options.DEFAULT);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertEquals(f.width(), image.getWidth());
        assertEquals(f.height(), image.getHeight());
        // within the page, so not scaled down: 12 px text stays 12 px (the old 1680 px grid showed it at ~6 px)
        assertTrue(image.getWidth() <= ChartStyle.PAGE_WIDTH && image.getWidth() >= ChartStyle.PAGE_WIDTH - 10,
                "width " + image.getWidth());
    }

    @Test
    void noLegendLineIsLongerThanWhatXChartDrawsUncut(@TempDir Path out) {
        for (Chart<?, ?> c : everyChart(out)) {
            double limit = ChartStyle.legendLineLimit(c.getWidth());
            for (Series s : c.getSeriesCollection()) {
                assertTrue(ChartStyle.legendTextWidth(s.getLabel()) <= limit,
                        "'" + s.getLabel() + "' in " + c.getTitle() + ": " + ChartStyle.legendTextWidth(s.getLabel())
                                + " px > " + limit);
            }
            if (c.getStyler().getLegendLayout() == Styler.LegendLayout.Horizontal) {
                assertTrue(ChartStyle.legendFitsOneRow(c), c.getTitle());
            }
        }
    }

    @Test
    void aLongLabelIsWrappedAtSpacesNotCut() {
        String label = "layer 1: 25% left behind, confidence 0.27 against 0.25 uniform, aux 1.003, z 0.61";
        String wrapped = ChartStyle.wrap(label, 150);
        assertTrue(wrapped.contains("\n"), wrapped);
        assertEquals(label, wrapped.replace('\n', ' '));
        for (String line : wrapped.split("\n")) {
            assertTrue(ChartStyle.textWidth(line, ChartStyle.font(Font.PLAIN, ChartStyle.LEGEND_PX)) <= 150, line);
        }
    }

    @Test
    void aLegendThatDoesNotFitOneRowGoesOneEntryALine() {
        XYChart few = new XYChartBuilder().width(ChartStyle.HALF_WIDTH).height(300).build();
        few.addSeries("a", new double[] {1, 2}, new double[] {1, 2});
        few.addSeries("b", new double[] {1, 2}, new double[] {2, 1});
        assertEquals(Styler.LegendLayout.Horizontal, ChartStyle.apply(few).getStyler().getLegendLayout());
        XYChart many = new XYChartBuilder().width(ChartStyle.HALF_WIDTH).height(300).build();
        for (String n : List.of("train loss", "train MLM loss", "held-out loss", "held-out MLM loss")) {
            many.addSeries(n, new double[] {1, 2}, new double[] {1, 2});
        }
        assertEquals(Styler.LegendLayout.Vertical, ChartStyle.apply(many).getStyler().getLegendLayout());
    }

    @Test
    void ticksOverThreeHundredStepsAreSpacedForTheirLabelsAndPrintedWithoutDecimals() {
        XYChart c = TrainingCharts.loss(steps(300));
        AxesChartStyler s = c.getStyler();
        assertEquals("#,##0", s.getXAxisDecimalPattern());
        double label = ChartStyle.textWidth("300", ChartStyle.font(Font.PLAIN, ChartStyle.TICK_PX));
        assertTrue(s.getXAxisTickMarkSpacingHint() > label + 20, "hint " + s.getXAxisTickMarkSpacingHint());
        // steps 1..300 are equally spaced: the invisible helper point sends XChart to its round-number ticks
        Series helper = c.getSeries(ChartStyle.TICK_HELPER);
        assertNotNull(helper);
        assertFalse(helper.isShowInLegend());
        assertFalse(SmlRenderersExtension.chartText(c).contains(ChartStyle.TICK_HELPER));
    }

    @Test
    void seriesColoursComeFromThePaletteInOrder() {
        XYChart c = ChartStyle.apply(new XYChartBuilder().width(400).height(300).build());
        assertEquals(ChartStyle.PALETTE, List.of(c.getStyler().getSeriesColors()));
        XYChart loss = TrainingCharts.loss(new TrainingCharts.Curves("r", steps(5), evals(5, 5)),
                TrainingCharts.Options.DEFAULT);
        // train and held-out of one metric share a colour
        assertEquals(loss.getSeries("train loss").getLineColor(), loss.getSeries("held-out loss").getLineColor());
        assertEquals(ChartStyle.PALETTE.get(0), loss.getSeries("train loss").getLineColor());
    }

    @Test
    void aTitleTooWideForItsChartGetsASmallerFontNotUnderTheTickSize() {
        assertEquals(ChartStyle.TITLE_PX, ChartStyle.titlePx("Loss", ChartStyle.HALF_WIDTH));
        int px = ChartStyle.titlePx("Routing (step 400: aux 0.00123, z 3.00e-05, weighted over layers)",
                ChartStyle.HALF_WIDTH);
        assertTrue(px < ChartStyle.TITLE_PX && px >= ChartStyle.TICK_PX, "px " + px);
    }

    @Test
    void yTicksCarryTheDecimalsTheSpreadNeedsAndAnOverlongTitleIsCutWithAnEllipsis() {
        XYChart flat = new XYChartBuilder().width(ChartStyle.HALF_WIDTH).height(300).build();
        flat.addSeries("a", new double[] {1, 2}, new double[] {0.20952380952381, 0.20952380952381});
        assertEquals("#,##0.0###", ChartStyle.yPattern(flat));
        XYChart narrow = new XYChartBuilder().width(ChartStyle.HALF_WIDTH).height(300).build();
        narrow.addSeries("a", new double[] {1, 2}, new double[] {0.205, 0.235});
        assertEquals("#,##0.0##", ChartStyle.yPattern(narrow)); // spread 0.03: three decimals
        XYChart wide = new XYChartBuilder().width(ChartStyle.HALF_WIDTH).height(300).build();
        wide.addSeries("a", new double[] {1, 2}, new double[] {2, 120});
        assertEquals("#,##0", ChartStyle.yPattern(wide));

        String longTitle = "mlm_accuracy vs training speed (workshop-routing, a study with a very long name indeed)";
        String fitted = ChartStyle.fitTitle(longTitle, ChartStyle.HALF_WIDTH);
        assertTrue(fitted.endsWith("\u2026") && longTitle.startsWith(fitted.substring(0, fitted.length() - 1)), fitted);
        assertTrue(ChartStyle.textWidth(fitted, ChartStyle.font(Font.BOLD, ChartStyle.TICK_PX)) <= ChartStyle.HALF_WIDTH - 24);
        assertEquals("Loss", ChartStyle.fitTitle("Loss", ChartStyle.HALF_WIDTH));
    }
}
