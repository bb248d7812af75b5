package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.kernel.CellResult;
import org.sparsemixerlab.kernel.KernelSession;
import org.sparsemixerlab.render.AblationFixtures;

/** {@code %ablate} through a kernel: catalog entry, usage errors, and the StudySummary renderer. */
class AblateKernelTest {

    private static KernelSession session;
    @TempDir
    static Path dir;
    private static Path study;

    @BeforeAll
    static void start() throws IOException {
        session = KernelSession.start();
        study = dir.resolve("four-way.json");
        Files.writeString(study, AblationFixtures.STUDY_JSON);
        StudySpec spec = StudySpec.load(study);
        AblationFixtures.writeRows(spec, AblateMagic.defaultOut(study, spec), List.of("moe", "dense", "fast"));
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void lsmagicListsAblateWithItsUsage() {
        String out = session.execute("%lsmagic").stdout();
        assertTrue(out.contains(AblateMagic.SPEC.usage()), out);
    }

    @Test
    void badArgumentsReplyAUsageErrorWithoutAStackTrace() {
        CellResult r = session.execute("%ablate load " + dir.resolve("missing.json"));
        String err = UsageErrorAssert.usageError(r);
        assertTrue(err.contains("UsageError: %ablate: no study file at"), err);
        assertTrue(err.contains("usage: %ablate [--out DIR] [--shard i/n] [--metric NAME] run|load|status"), err);
    }

    @Test
    void loadDisplaysTableChartsAndTextFallback() {
        CellResult r = session.execute("%ablate load " + study);
        assertFalse(r.failed(), r.outputs().toString());
        assertTrue(r.stdout().contains("6 of 8 rows stored"), r.stdout());
        assertEquals(1, r.displays().size(), r.outputs().toString());
        JsonObject data = r.displays().get(0).data();
        String html = data.get("text/html").getAsString();
        assertTrue(html.contains("<td style=\"text-align:left\">moe (baseline)</td>"), html);
        assertTrue(html.contains(">1.00x<br><small>"), html);
        assertTrue(html.contains("\u2713"), html);
        assertTrue(html.contains("missing rows (2): slim seed 0, slim seed 1"), html);
        assertTrue(html.contains("data:image/png;base64,"), html);
        assertTrue(data.get("text/plain").getAsString().contains("moe (baseline)"), data.toString());
    }

    @Test
    void theSummaryIsTheMagicsValue() {
        CellResult r = session.execute("org.sparsemixerlab.ablation.StudySummary s = %ablate load " + study + "\n"
                + "s.variant(\"dense\").completedRows()");
        assertEquals("2", r.resultText().orElse("<none> " + r.outputs()));
    }
}
