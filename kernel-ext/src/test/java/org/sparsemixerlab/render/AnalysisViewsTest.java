package org.sparsemixerlab.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.analysis.DropMap;
import org.sparsemixerlab.analysis.LayerFlow;
import org.sparsemixerlab.analysis.ProbeHistory;
import org.sparsemixerlab.analysis.ProbePoint;
import org.sparsemixerlab.analysis.RouterConfidence;
import org.sparsemixerlab.analysis.Specialization;
import org.sparsemixerlab.analysis.TokenClasses;
import org.sparsemixerlab.config.Presets;

/** The structure of the five analysis views (MIME types, image, notes, table columns), not their pixels. */
class AnalysisViewsTest {

    static List<String> headers(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<th>(.*?)</th>").matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int bodyRows(String html) {
        return html.split("<tr><td>", -1).length - 1;
    }

    static void assertWellFormed(AnalysisFigure f) {
        assertEquals(java.util.Set.of(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN), f.getSupportedRenderTypes());
        byte[] png = f.png();
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        String html = f.toHtml();
        assertTrue(html.contains("<img alt=\"" + HtmlTable.escape(f.title()) + "\" src=\"data:image/png;base64,"), html.substring(0, 200));
        assertTrue(f.toText().startsWith(f.title() + "\n"), f.toText());
        for (String n : f.notes()) {
            assertTrue(f.toText().contains("- " + n));
        }
    }

    @Test
    void specialisationHasOneHeatmapPerLayerAndOneRowPerExpert() {
        TokenClasses v = TokenClasses.of(new String[] {"[PAD]", "[CLS]", "the", ",", "cat", "##s"},
                new boolean[] {true, true, false, false, false, false});
        int[] ids = {2, 2, 2, 3, 4, 4, 5, 1};
        Specialization a = Specialization.compute(1, ids, new int[] {0, 0, 1, 0, 1, 1, 1, 0}, 2, v, 10, 1);
        Specialization b = Specialization.compute(2, ids, new int[] {1, 1, 1, 1, 0, 0, 0, 0}, 2, v, 10, 1);
        AnalysisFigure f = SpecializationView.figure(List.of(a, b), 8, 3);
        assertWellFormed(f);
        assertEquals(2, f.panels().size());
        assertEquals(List.of("layer", "expert", "tokens", "share", "verdict", "most frequent (count)",
                "highest lift (count, lift)"), headers(f.toHtml()));
        assertEquals(4, bodyRows(f.toHtml()));
        assertTrue(f.toText().contains("mostly stop words (50% of its tokens, 1.3x the base rate)"), f.toText());
        assertTrue(f.toText().contains("cat (2, 2.0x)"), f.toText());
        assertTrue(f.notes().get(0).contains("8 held-out tokens") && f.notes().get(0).contains("3 padding"));
    }

    @Test
    void layerFlowShowsTheMutualInformationAgainstItsMaximum() {
        LayerFlow flow = LayerFlow.compute(1, 2, new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}, 2);
        AnalysisFigure f = LayerFlowView.figure(List.of(flow), 4);
        assertWellFormed(f);
        assertEquals(List.of("from layer", "to layer", "I(A;B) bits", "max bits", "I / max", "log2 E"), headers(f.toHtml()));
        String[] lines = f.table().toText().split("\n");
        assertEquals(List.of("1", "2", "1.000", "1.000", "1.000", "1.000"), List.of(lines[2].trim().split("\\s+")));
    }

    @Test
    void dropMapHasAPositionAndAClassChartPerLayerAndARowPerCapacityFactor() {
        boolean[] kept = {true, false, true, false, false, true};
        int[] pos = {0, 1, 2, 0, 1, 2};
        int[] cls = {0, 1, 1, 2, 2, 2};
        DropMap full = DropMap.compute(1, "EXPERTS_CHOOSE", 1.0, kept, pos, 3, cls, 0.1);
        DropMap half = DropMap.compute(1, "EXPERTS_CHOOSE", 0.5, new boolean[6], pos, 3, cls, 0.0);
        AnalysisFigure f = DropMapView.figure(List.<DropMap[]>of(new DropMap[] {full, half}), 6);
        assertWellFormed(f);
        assertEquals(2, f.panels().size());
        assertEquals(List.of("layer", "routing", "capacity factor", "left behind", "worst class", "positions 0-7",
                "last 8 positions", "padding's share of kept pairings"), headers(f.toHtml()));
        assertEquals(2, bodyRows(f.toHtml()));
        String[] lines = f.table().toText().split("\n");
        assertEquals(List.of("1", "experts-choose", "1.00", "50.0%"), List.of(lines[2].trim().split("\\s+")).subList(0, 4));
        assertEquals(List.of("1", "experts-choose", "0.50", "100.0%"), List.of(lines[3].trim().split("\\s+")).subList(0, 4));
        // positions 0-7 hold all six tokens (3 left) at cf 1; the "last 8" of a 3-long sequence are the same tokens
        assertTrue(lines[2].contains("50.0%  50.0%") || lines[2].matches(".*50\\.0%\\s+50\\.0%.*"), lines[2]);
    }

    @Test
    void confidenceHasTwoHistogramsAndARowPerLayer() {
        RouterConfidence c = RouterConfidence.compute(1, 4, new float[] {0.25f, 1f}, new float[] {2f, 0f});
        RouterConfidence d = RouterConfidence.compute(2, 4, new float[] {0.5f, 0.5f}, new float[] {1f, 1f});
        AnalysisFigure f = ConfidenceView.figure(List.of(c, d));
        assertWellFormed(f);
        assertEquals(2, f.panels().size());
        assertEquals(2, bodyRows(f.toHtml()));
        assertTrue(headers(f.toHtml()).contains("mean top gate"));
        assertTrue(f.table().toText().contains("0.625"), "mean of 0.25 and 1");
    }

    @Test
    void stabilityHasAChangeChartALoadChartPerLayerAndARowPerStepPair() {
        ProbeHistory h = new ProbeHistory("run/history", Presets.get("sparse-mixer-tiny"), List.of(1, 2), 2,
                new int[] {5, 6}, new int[] {0, 0}, new int[] {1, 2},
                List.of(new ProbePoint(100, new int[][] {{0, 1}, {0, 0}}, new long[][] {{1, 1}, {2, 0}}),
                        new ProbePoint(200, new int[][] {{1, 1}, {0, 0}}, new long[][] {{0, 2}, {2, 0}}),
                        new ProbePoint(300, new int[][] {{1, 1}, {1, 1}}, new long[][] {{0, 2}, {0, 2}})));
        AnalysisFigure f = StabilityView.figure(h, -1);
        assertWellFormed(f);
        assertEquals(3, f.panels().size(), "the change chart and one load chart per layer");
        assertEquals(List.of("layer", "from step", "to step", "top expert changed", "largest expert share at 'to'"),
                headers(f.toHtml()));
        assertEquals(4, bodyRows(f.toHtml()));
        String[] lines = f.table().toText().split("\n");
        assertEquals(List.of("1", "100", "200", "50.0%", "100.0%"), List.of(lines[2].trim().split("\\s+")));
        assertEquals(List.of("2", "200", "300", "100.0%", "100.0%"), List.of(lines[5].trim().split("\\s+")));
        assertEquals(2, StabilityView.figure(h, 2).panels().size());
    }
}
