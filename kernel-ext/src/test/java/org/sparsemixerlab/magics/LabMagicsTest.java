package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.kernel.CellResult;
import org.sparsemixerlab.kernel.KernelSession;

class LabMagicsTest {

    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static JsonObject firstDisplay(CellResult r) {
        assertFalse(r.displays().isEmpty(), "no display in " + r.outputs());
        return r.displays().get(0).data();
    }

    @Test
    void configCellBindsTheVariableAndABadCellKeepsThePreviousValue() {
        CellResult ok = session.execute("%%smconfig sparse-mixer-tiny --as cfg\nnum_experts: 8");
        assertFalse(ok.failed(), ok.outputs().toString());
        assertTrue(firstDisplay(ok).get("text/html").getAsString().contains("num_experts"));
        assertEquals("8", session.execute("cfg.numExperts()").resultText().orElse("<none>"));

        CellResult bad = session.execute("%%smconfig sparse-mixer-tiny --as cfg\nnum_experts: -3\nd_modle: 5");
        String err = UsageErrorAssert.usageError(bad);
        assertTrue(err.matches("(?s).*UsageError: \\d+ errors? in the %%smconfig cell, nothing was bound: .*"), err);
        String html = firstDisplay(bad).get("text/html").getAsString();
        assertTrue(html.contains("d_modle") && html.contains("num_experts"), html);
        assertTrue(html.contains("keeps its previous value"), html);
        assertEquals("8", session.execute("cfg.numExperts()").resultText().orElse("<none>"));
    }

    @Test
    void unknownOptionRepliesUsageWithoutAStackTrace() {
        CellResult r = session.execute("%%smconfig --bogus x\nnum_experts: 8");
        String err = UsageErrorAssert.usageError(r);
        assertTrue(err.contains("UsageError: %%smconfig: unknown option --bogus"), err);
        assertTrue(err.contains("usage: %%smconfig [--as var] [preset]"), err);
    }

    @Test
    void emptyConfigCellIsAUsageErrorNotJava() {
        for (String cell : new String[] {"%%smconfig", "%%smconfig\n", "%%smconfig sparse-mixer-tiny\n  \n"}) {
            String err = UsageErrorAssert.usageError(session.execute(cell));
            assertTrue(err.contains("at least one 'key: value' line"), err);
        }
    }

    @Test
    void lineConfigMagicListsPresetsAndUnknownPresetIsAUsageError() {
        CellResult r = session.execute("%smconfig");
        assertTrue(firstDisplay(r).get("text/html").getAsString().contains("sparse-mixer-tiny"));
        CellResult bad = session.execute("%smconfig no-such-preset");
        assertTrue(UsageErrorAssert.usageError(bad).contains("unknown preset 'no-such-preset'"));
    }

    @Test
    void seedKeepsItsValueWhenGivenABadOne() {
        session.execute("%seed 7");
        CellResult bad = session.execute("%seed seven");
        assertTrue(UsageErrorAssert.usageError(bad).contains("%seed expects a whole number, got 'seven'"));
        assertEquals("7", session.execute("org.sparsemixerlab.magics.LabSession.seed()").resultText().orElse("<none>"));
    }

    @Test
    void deviceAcceptsCpuAndRejectsUnknownNames() {
        assertTrue(session.execute("%device cpu").stdout().contains("device: cpu()"), "cpu");
        CellResult bad = session.execute("%device tpu");
        assertTrue(UsageErrorAssert.usageError(bad).contains("not one of auto, cpu, gpu, gpu:N"));
    }

    @Test
    void trainAccumulatesMicroBatchesAndRefusesAZeroCount() {
        CellResult bad = session.execute("%train --accumulate 0");
        String err = UsageErrorAssert.usageError(bad);
        assertTrue(err.contains("accumulate") && err.contains("usage: %train"), err);
        assertFalse(session.execute("%%smconfig sparse-mixer-tiny --as acccfg\nseed: 3").failed());
        CellResult ok = session.execute("%train --config acccfg --steps 2 --batch 2 --accumulate 2 --docs 4 --every 1");
        assertTrue(ok.stdout().contains("COMPLETED after 2 steps"), ok.outputs().toString());
    }

    @Test
    void expertsWithoutATraceSaysWhatToRunFirst() {
        CellResult r = session.execute("%experts --layer x");
        assertTrue(UsageErrorAssert.usageError(r).contains("--layer expects a whole number"));
    }

    @Test
    void lsmagicDescribesTheLabMagics() {
        String out = session.execute("%lsmagic").stdout();
        for (String m : new String[] {"%%smconfig", "%smconfig", "%routing", "%experts", "%train", "%device", "%seed"}) {
            assertTrue(out.contains(m), m + " missing in " + out);
        }
    }

    @Test
    void chartsRenderAsPngAndTextAndLayerMapsAsHtml() {
        CellResult chart = session.execute("org.sparsemixerlab.render.TrainingCharts.loss(List.of())");
        JsonObject data = chart.result().orElseThrow().data();
        assertTrue(data.has("image/png") && data.has("text/plain"), data.keySet().toString());
        assertTrue(data.get("image/png").getAsString().length() > 1000);
        CellResult map = session.execute("Presets.get(\"sparse-mixer-tiny\").layerMap()");
        JsonObject m = map.result().orElseThrow().data();
        assertTrue(m.get("text/html").getAsString().contains(">E</td>"), m.toString());
        assertTrue(m.get("text/plain").getAsString().contains(" / "), m.toString());
        CellResult table = session.execute("tech.tablesaw.api.Table.create(\"t\", tech.tablesaw.api.IntColumn.create(\"n\", 1, 2))");
        assertTrue(table.result().orElseThrow().data().get("text/html").getAsString().contains("<th>n</th>"));
    }
}
