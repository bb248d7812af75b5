package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Figures: SVG well-formed, sized in pixels and naming its series; save() by extension, atomically. */
class FigureTest {

    private static TrainingFigure training() {
        return new TrainingFigure(new TrainingCharts.Curves("this run", ChartStyleTest.steps(40),
                ChartStyleTest.evals(40, 10)), new TrainingCharts.Options(5, false,
                List.of(new TrainingCharts.Curves("run1", ChartStyleTest.steps(30), ChartStyleTest.evals(30, 10)))));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void svgIsWellFormedSizedInPixelsLikeThePngAndNamesEverySeries() throws Exception {
        TrainingFigure f = training();
        Document d = parse(f.svg());
        Element root = d.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(f.width() + "px", root.getAttribute("width"));
        assertEquals(f.height() + "px", root.getAttribute("height"));
        String desc = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent();
        for (String series : List.of("train loss (mean 5)", "held-out loss", "held-out MLM accuracy", "run1: train (mean 5)",
                "run1: held-out", "MoE #2 confidence")) {
            assertTrue(desc.contains("series: " + series), series + " missing in " + desc);
        }
        assertTrue(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength() > 50);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(f.png()));
        assertEquals(f.width(), png.getWidth());
        assertEquals(f.height(), png.getHeight());
    }

    @Test
    void saveWritesTheFormatItsExtensionNames(@TempDir Path dir) throws Exception {
        ChartGrid f = ChartGrid.of(TrainingCharts.loss(ChartStyleTest.steps(12)));
        Path png = f.save(dir.resolve("sub/loss.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(Files.readAllBytes(png), 4));
        assertEquals(f.width(), ImageIO.read(png.toFile()).getWidth());
        Path svg = f.save(dir.resolve("loss.SVG"));
        assertEquals("svg", parse(Files.readString(svg)).getDocumentElement().getLocalName());
        Path html = f.save(dir.resolve("loss.html").toString());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("series: train loss")
                && !page.contains("<?xml"), page.substring(0, 300));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.save(dir.resolve("loss.jpg")));
        assertTrue(e.getMessage().contains(".png, .svg or .html"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("loss.jpg")));
    }

    @Test
    void saveReplacesAnOldFileInOneStepAndLeavesNoPartFileBehind(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("fig.svg");
        Files.writeString(target, "old contents");
        training().save(target);
        assertTrue(Files.readString(target).contains("<svg"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList());
        }
    }

    @Test
    void aChartGridLaysOutRowsOfTwoAndLeftAlignsTheLastRow() throws Exception {
        TrainingFigure f = training();
        ChartGrid grid = f.grid();
        assertEquals(2, grid.rows());
        assertEquals(2 * TrainingCharts.WIDTH, f.width());
        List<org.knowm.xchart.XYChart> charts = f.charts();
        assertEquals(Math.max(charts.get(0).getHeight(), charts.get(1).getHeight()) + charts.get(2).getHeight(), f.height());
    }

    @Test
    void smoothingIsATrailingMeanOverTheWindow() {
        double[] y = {4, 2, 6, 8, 0};
        // by hand: [4], [4,2], [4,2,6], [2,6,8], [6,8,0]
        assertArrayEquals(new double[] {4, 3, 4, 16 / 3.0, 14 / 3.0}, TrainingCharts.trailingMean(y, 3), 1e-12);
        assertArrayEquals(y, TrainingCharts.trailingMean(y, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> new TrainingCharts.Options(0, false, List.of()));
        double[] plotted = TrainingCharts.loss(new TrainingCharts.Curves("r", ChartStyleTest.steps(5), List.of()),
                new TrainingCharts.Options(3, false, List.of())).getSeries("train loss (mean 3)").getYData();
        // losses 10/s for s = 1..5; the last point averages steps 3, 4, 5
        assertEquals((10 / 3.0 + 10 / 4.0 + 10 / 5.0) / 3, plotted[4], 1e-12);
    }

    @Test
    void heldOutEvaluationsAreDrawnAtTheirStepsAndLogScaleOnlyWhenEveryLossIsPositive() {
        var run = new TrainingCharts.Curves("r", ChartStyleTest.steps(40), ChartStyleTest.evals(40, 10));
        var chart = TrainingCharts.loss(run, new TrainingCharts.Options(1, true, List.of()));
        assertArrayEquals(new double[] {10, 20, 30, 40}, chart.getSeries("held-out loss").getXData(), 0);
        assertEquals(11.0 / 20, chart.getSeries("held-out loss").getYData()[1], 1e-12);
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        var zero = new TrainingCharts.Curves("z", List.of(), List.of(new org.sparsemixerlab.train.EvalMetrics(5, 1,
                java.util.Map.of("loss", 0.0), List.of())));
        var flat = TrainingCharts.loss(run, new TrainingCharts.Options(1, true, List.of(zero)));
        assertTrue(!flat.getStyler().isYAxisLogarithmic() && flat.getTitle().contains("log scale off"), flat.getTitle());
    }
}
