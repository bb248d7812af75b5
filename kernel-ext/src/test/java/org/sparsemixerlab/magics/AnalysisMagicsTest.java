package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.analysis.ProbeHistory;
import org.sparsemixerlab.analysis.ProbeHistoryFile;
import org.sparsemixerlab.analysis.ProbePoint;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.kernel.CellResult;
import org.sparsemixerlab.kernel.KernelSession;

/** The five corpus-analysis magics in a kernel: usage errors first, then each view on a briefly trained model. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnalysisMagicsTest {

    private static KernelSession session;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        session = KernelSession.start();
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    private static String usage(String cell) {
        return UsageErrorAssert.usageError(session.execute(cell));
    }

    @Test
    @Order(1) // before any %train: "no model yet" needs a kernel without one
    void usageMistakesReplyWithWhatToDo() {
        for (String m : List.of("%specialization", "%layerflow", "%dropmap", "%confidence")) {
            String err = usage(m);
            assertTrue(err.contains("no model yet: pass --model lab:sparse-mixer-lab"), err);
            assertTrue(err.contains("usage: " + m + " [--model var|lab:NAME] [--sample N]"), err);
        }
        assertTrue(usage("%specialization --model lab:no-such-model").contains("no lab model named 'no-such-model'"));
        assertTrue(usage("%confidence --model nosuchvariable").contains("is not a variable of this notebook"));
        session.execute("String notAModel = \"x\";");
        assertTrue(usage("%layerflow --model notAModel").contains("is a String, not a PretrainingModel or LabModel"));
        assertTrue(usage("%confidence --sample 5").contains("--sample expects a whole number in [64, 200000]"));
        assertTrue(usage("%layerflow extra words").contains("takes only options"));
        assertTrue(usage("%dropmap --cf zero").contains("--cf expects a capacity factor in (0, 64]"));
        assertTrue(usage("%dropmap --cf -1").contains("got '-1'"));
        assertTrue(usage("%stability").contains("needs exactly one of --model lab:NAME"));
        assertTrue(usage("%stability --file " + dir.resolve("none.json")).contains("no probe history at"));
        assertTrue(usage("%stability --model lab:no-such-model").contains("no shipped probe history"));
        assertTrue(usage("%specialization --bogus 1").contains("unknown option --bogus"));
        String help = session.execute("%dropmap --help").stdout();
        assertTrue(help.contains("usage: %dropmap") && help.contains("--cf X"), help);
    }

    @Test
    void lsmagicListsTheAnalysisMagics() {
        String out = session.execute("%lsmagic").stdout();
        for (String m : List.of("%specialization", "%layerflow", "%dropmap", "%stability", "%confidence")) {
            assertTrue(out.contains(m), m + " missing in " + out);
        }
    }

    @Test
    void eachViewRendersImageHtmlAndTextForATrainedModel() {
        CellResult trained = session.execute("%train --steps 1 --batch 2 --docs 4 --every 1");
        assertFalse(trained.failed(), trained.outputs().toString());
        assertTrue(usage("%specialization --sample 100 --layer 0").contains("--layer 0 is not an MoE layer of %train;"
                + " its MoE layers are [1, 2]"));
        for (String cell : List.of("%specialization --sample 100", "%layerflow --sample 100",
                "%dropmap --sample 100 --cf 0.25 --layer 2", "%confidence --sample 100 --layer 1")) {
            CellResult r = session.execute(cell);
            assertFalse(r.failed(), cell + ": " + r.outputs());
            assertTrue(r.stdout().matches("(?s)%train: \\d[\\d,]* held-out tokens in \\d+ sequences.*routed in .*"),
                    r.stdout());
            assertEquals(1, r.displays().size(), cell);
            JsonObject data = r.displays().get(0).data();
            assertTrue(data.has("image/png") && data.has("text/html") && data.has("text/plain"), data.keySet().toString());
            assertTrue(data.get("text/html").getAsString().contains("<table>"), cell);
        }
        String drops = session.execute("%dropmap --sample 100 --cf 0.25 --layer 2").displays().get(0).data()
                .get("text/plain").getAsString();
        assertTrue(drops.contains("0.25") && drops.contains("1.00"), drops);
    }

    @Test
    void stabilityReadsAProbeHistoryFile() throws IOException {
        ProbeHistory h = new ProbeHistory("run/history", Presets.get("sparse-mixer-tiny"), List.of(1, 2), 2,
                new int[] {5, 6}, new int[] {0, 0}, new int[] {1, 2},
                List.of(new ProbePoint(100, new int[][] {{0, 1}, {0, 0}}, new long[][] {{1, 1}, {2, 0}}),
                        new ProbePoint(200, new int[][] {{1, 1}, {0, 0}}, new long[][] {{0, 2}, {2, 0}})));
        Path f = dir.resolve("h.probes.json");
        ProbeHistoryFile.write(f, h);
        assertTrue(usage("%stability --file " + f + " --layer 3").contains("its MoE layers are [1, 2]"));
        CellResult r = session.execute("%stability --file " + f);
        assertFalse(r.failed(), r.outputs().toString());
        JsonObject data = r.displays().get(0).data();
        assertTrue(data.has("image/png") && data.has("text/html"), data.keySet().toString());
        assertTrue(data.get("text/plain").getAsString().contains("50.0%"), data.get("text/plain").getAsString());
    }
}
