package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.sparsemixerlab.ablation.StudyResults;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.ablation.StudySummary;
import tech.tablesaw.api.Table;

/** The ablation table and charts from synthetic rows of {@link AblationFixtures} (no training). */
class AblationTablesTest {

    private static final List<String> ALL = List.of("moe", "dense", "fast", "slim");

    private static StudySummary summary(Path out, List<String> variants) {
        StudySpec spec = AblationFixtures.spec();
        AblationFixtures.writeRows(spec, out, variants);
        return StudySummary.of(StudyResults.load(spec, out));
    }

    private static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    private static double sampleStd(double[] xs) {
        double m = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (xs.length - 1));
    }

    private static int row(Table t, String variantPrefix) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.stringColumn(AblationTables.VARIANT).get(r).startsWith(variantPrefix)) {
                return r;
            }
        }
        throw new AssertionError("no row for " + variantPrefix);
    }

    @Test
    void tableHasOneRowPerVariantAndTheDocumentedColumns(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        assertEquals(4, t.rowCount());
        assertEquals(List.of("variant", "n", "mlm_accuracy", "\u0394 mlm_accuracy", "train speed", "train tok/s",
                "params", "active params", "left behind", "paper claim", "check", "why"), t.columnNames());
        assertEquals("moe (baseline)", t.stringColumn(AblationTables.VARIANT).get(0));
        assertEquals(2, t.intColumn(AblationTables.N).get(0));
    }

    @Test
    void qualityCellsAreMeanPlusMinusSampleStdAndDifferenceToTheBaseline(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        for (String v : ALL) {
            double[] acc = AblationFixtures.ACCURACY.get(v);
            String expected = String.format(Locale.ROOT, "%.4f \u00b1 %.4f", mean(acc), sampleStd(acc));
            assertEquals(expected, t.stringColumn("mlm_accuracy").get(row(t, v)), v);
            double[] base = AblationFixtures.ACCURACY.get("moe");
            double[] perSeed = new double[acc.length];
            for (int i = 0; i < acc.length; i++) {
                perSeed[i] = acc[i] - base[i];
            }
            double twoSe = 2 * sampleStd(perSeed) / Math.sqrt(perSeed.length);
            assertEquals(String.format(Locale.ROOT, "%+.4f \u00b1 %.4f", mean(perSeed), twoSe),
                    t.stringColumn(AblationTables.deltaColumn("mlm_accuracy")).get(row(t, v)), v);
        }
    }

    @Test
    void speedIsARatioToTheBaselineWhichIsOneX(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        assertEquals("1.00x", t.stringColumn(AblationTables.speedColumn("train")).get(row(t, "moe")));
        // dense (1500 + 1650) / 2 over moe (1000 + 1100) / 2 = 1.5
        assertEquals("1.50x", t.stringColumn(AblationTables.speedColumn("train")).get(row(t, "dense")));
        double slim = mean(AblationFixtures.SPEED.get("slim")) / mean(AblationFixtures.SPEED.get("moe"));
        assertEquals(String.format(Locale.ROOT, "%.2fx", slim),
                t.stringColumn(AblationTables.speedColumn("train")).get(row(t, "slim")));
        assertEquals("1575", t.stringColumn("train tok/s").get(row(t, "dense")));
    }

    @Test
    void routingHealthIsEmptyForTheDenseVariantAndParamsAreInMillions(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        assertEquals("", t.stringColumn(AblationTables.LEFT_BEHIND).get(row(t, "dense")));
        assertEquals("0.150", t.stringColumn(AblationTables.LEFT_BEHIND).get(row(t, "moe")));
        assertEquals("2.00M", t.stringColumn(AblationTables.PARAMS).get(row(t, "dense")));
        assertEquals("1.00M", t.stringColumn(AblationTables.ACTIVE_PARAMS).get(row(t, "moe")));
    }

    @Test
    void claimMarksFollowTheVerdictsWithTheirReasons(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        assertEquals("", t.stringColumn(AblationTables.MARK).get(row(t, "moe")));
        assertEquals("\u2713", t.stringColumn(AblationTables.MARK).get(row(t, "dense")));
        assertEquals("\u2717", t.stringColumn(AblationTables.MARK).get(row(t, "fast")));
        assertEquals("\u2248", t.stringColumn(AblationTables.MARK).get(row(t, "slim")));
        assertEquals("MoE improves quality (Table 1)", t.stringColumn(AblationTables.CLAIM).get(row(t, "dense")));
        assertTrue(t.stringColumn(AblationTables.REASON).get(row(t, "fast")).contains("ratio 1.000x"),
                t.stringColumn(AblationTables.REASON).get(row(t, "fast")));
    }

    @Test
    void htmlBoldsTheBaselineAndPutsEachClaimWithItsReasonInANumberedFootnote(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        String html = AblationTables.html(t);
        assertTrue(html.contains("<tr style=\"font-weight:bold\"><td style=\"text-align:left\">moe (baseline)</td>"),
                html);
        String reason = HtmlTable.escape(t.stringColumn(AblationTables.REASON).get(row(t, "dense")));
        assertTrue(html.contains("[1] dense: MoE improves quality (Table 1). \u2713 agrees: " + reason), html);
        assertTrue(html.contains(">\u2713 [1]</td>"), html);
        assertFalse(html.contains("<th>why</th>"), html);
        assertFalse(html.contains("MoE improves quality (Table 1)</td>"), "the claim is a footnote, not a cell");
        String text = AblationTables.text(t);
        assertTrue(text.contains("[2] fast: twice as fast (Table 2). \u2717 disagrees: "), text);
        assertTrue(text.contains("[3] slim: no quality loss (Section 4). \u2248 cannot tell apart: "), text);
    }

    @Test
    void theFittedLayoutSplitsQualityFromCostFoldsConstantColumnsAndNumbersTheClaims(@TempDir Path out) {
        Table t = AblationTables.table(summary(out, ALL));
        FittedAblationTable f = FittedAblationTable.of(t);
        // quality: variant, mlm_accuracy (with its difference under it), paper claim; n = 2 everywhere is folded
        assertEquals(List.of("variant", "mlm accuracy (\u0394)", "paper claim"), f.quality().get(0));
        // cost: variant, train speed (tok/s under it), active params, left behind; params (2.00M everywhere) folded
        assertEquals(List.of("variant", "train speed (tok/s)", "active params", "left behind"), f.cost().get(0));
        assertEquals(5, f.quality().size(), "header and one row per variant");
        assertEquals(List.of("n (completed seeds): 2 in every row", "params: 2.00M in every row"), f.notes().subList(0, 2));
        assertTrue(f.notes().get(2).startsWith("left behind: share of the routed positions"), f.notes().toString());
        assertEquals(3, f.footnotes().size());
        assertEquals("", f.quality().get(1 + row(t, "moe")).get(2));
        assertEquals("\u2248 [3]", f.quality().get(1 + row(t, "slim")).get(2));
        assertEquals("1.50x\n1575", f.cost().get(1 + row(t, "dense")).get(1));
        assertFalse(f.quality().get(1 + row(t, "moe")).get(1).contains("\n"), "the baseline has no difference line");
    }

    @Test
    void aColumnEqualInEveryRowBecomesANoteLine() {
        Table t = Table.create("constant");
        t.addColumns(tech.tablesaw.api.StringColumn.create(AblationTables.VARIANT, "a (baseline)", "b", "c"),
                tech.tablesaw.api.StringColumn.create("mlm_loss", "6.1 \u00b1 0.1", "6.0 \u00b1 0.1", "6.2 \u00b1 0.1"),
                tech.tablesaw.api.StringColumn.create(AblationTables.deltaColumn("mlm_loss"), "+0.0000 \u00b1 0.0000",
                        "-0.1000 \u00b1 0.0100", "+0.1000 \u00b1 0.0100"),
                tech.tablesaw.api.StringColumn.create("nsp_accuracy", "0.5104 \u00b1 0.0000", "0.5104 \u00b1 0.0000",
                        "0.5104 \u00b1 0.0000"),
                tech.tablesaw.api.StringColumn.create(AblationTables.deltaColumn("nsp_accuracy"), "+0.0000 \u00b1 0.0000",
                        "+0.0000 \u00b1 0.0000", "-0.0000 \u00b1 0.0000"),
                tech.tablesaw.api.StringColumn.create("params", "1.00M", "1.00M", "1.00M"));
        FittedAblationTable f = FittedAblationTable.of(t);
        assertEquals(List.of("variant", "mlm loss (\u0394)"), f.quality().get(0));
        assertEquals(List.of(), f.cost(), "every cost column was constant");
        assertEquals(List.of("nsp_accuracy: 0.5104 \u00b1 0.0000 in every row (no difference to the baseline)",
                "params: 1.00M in every row"), f.notes());
        assertEquals("6.0 \u00b1 0.1\n-0.1000 \u00b1 0.0100", f.quality().get(2).get(1));
        assertTrue(f.text().contains("nsp_accuracy: 0.5104 \u00b1 0.0000 in every row"), f.text());
    }

    @Test
    void aChosenMetricThatNoRowReportsIsLeftOut(@TempDir Path out) {
        StudySummary s = summary(out, ALL);
        assertEquals(List.of("mlm_accuracy"), AblationTables.qualityMetrics(s, "nsp_accuracy"));
        assertEquals(List.of("mlm_accuracy"), AblationTables.qualityMetrics(s, null));
    }

    @Test
    void variantsWithoutRowsShowDashesAndTheReportListsMissingRows(@TempDir Path out) {
        StudySummary s = summary(out, List.of("moe", "dense", "fast"));
        Table t = AblationTables.table(s);
        assertEquals(0, t.intColumn(AblationTables.N).get(row(t, "slim")));
        assertEquals("-", t.stringColumn("mlm_accuracy").get(row(t, "slim")));
        assertEquals("-", t.stringColumn(AblationTables.speedColumn("train")).get(row(t, "slim")));
        AblationReport report = AblationReport.of(s, null);
        assertTrue(report.text().contains("missing rows (2): slim seed 0, slim seed 1"), report.text());
        assertTrue(report.html().contains("missing rows (2)"));
        assertTrue(report.html().contains("data:image/png;base64,"));
    }

    @Test
    void scatterHasOnePointPerVariantWithRowsAtItsMeans(@TempDir Path out) throws Exception {
        StudySummary s = summary(out, List.of("moe", "dense", "fast"));
        XYChart chart = AblationCharts.qualityVsSpeed(s, "mlm_accuracy");
        assertEquals(3, chart.getSeriesCollection().size());
        XYSeries dense = chart.getSeries("dense 1.50x");
        assertEquals(mean(AblationFixtures.SPEED.get("dense")), dense.getXData()[0], 1e-9);
        assertEquals(mean(AblationFixtures.ACCURACY.get("dense")), dense.getYData()[0], 1e-9);
        assertEquals(sampleStd(AblationFixtures.ACCURACY.get("dense")), dense.getExtraValues()[0], 1e-9);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartImages.png(chart)));
        assertEquals(AblationCharts.WIDTH, image.getWidth());
    }

    @Test
    void curvesHaveOneLinePerVariantAveragedOverSeeds(@TempDir Path out) throws Exception {
        StudySummary s = summary(out, ALL);
        XYChart chart = AblationCharts.curves(s, "mlm_accuracy");
        assertEquals(4, chart.getSeriesCollection().size());
        XYSeries slim = chart.getSeries("slim");
        assertEquals(2, slim.getXData().length);
        assertEquals(mean(AblationFixtures.ACCURACY.get("slim")) / 2, slim.getYData()[0], 1e-9);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(AblationReport.of(s, null).chartsPng()));
        assertEquals(2 * AblationCharts.WIDTH, image.getWidth(), AblationCharts.WIDTH / 2.0);
    }
}
