package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.ablation.ClusterStatus;
import org.sparsemixerlab.ablation.RowKey;
import org.sparsemixerlab.ablation.RowState;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.render.AblationFixtures;
import org.sparsemixerlab.render.ClusterStatusTable;

/** {@code %ablate submit|watch} without a cluster: usage errors, a dry run, and the status table renderer. */
class AblateClusterTest {

    private static String usageError(String... args) {
        return assertThrows(MagicUsageException.class, () -> AblateMagic.line(null, List.of(args))).getMessage();
    }

    private static Path studyFile(Path dir) throws IOException {
        Path f = dir.resolve("study.json");
        Files.writeString(f, AblationFixtures.STUDY_JSON);
        return f;
    }

    @Test
    void submitAndWatchMistakesAreUsageErrors(@TempDir Path dir) throws IOException {
        String f = studyFile(dir).toString();
        assertTrue(usageError("submit").contains("submit expects one study file, got []"));
        assertTrue(usageError("submit", f, "--shard", "1/2").contains("unknown option --shard"));
        assertTrue(usageError("submit", f, "--time", "soon").contains("--time expects a Slurm time limit"));
        assertTrue(usageError("submit", f, "--cpus-per-task", "many").contains("--cpus-per-task expects a whole number"));
        assertTrue(usageError("submit", f, "--partition").contains("option --partition needs a value"));
        assertTrue(usageError("submit", dir.resolve("nope.json").toString()).contains("no study file at"));
        assertTrue(usageError("watch", f, "--every", "0").contains("--every expects seconds in [1, 3600]"));
        assertTrue(usageError("watch", f, "--dry-run").contains("unknown option --dry-run"));
        String nothing = usageError("watch", f, "--out", dir.resolve("out").toString());
        assertTrue(nothing.contains("nothing was submitted into") && nothing.contains("%ablate submit " + f), nothing);
        assertTrue(usageError("fly", f).contains("expected run, load, status, submit or watch"));
    }

    @Test
    void aDryRunPrintsThePlanAndWritesNothing(@TempDir Path dir) throws IOException {
        Path f = studyFile(dir);
        PrintStream before = System.out;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
        try {
            assertNull(AblateMagic.line(null, List.of("submit", f.toString(), "--dry-run", "--max-parallel", "3",
                    "--sbatch-arg", "--qos=short", "--sbatch-arg", "--nice=10")));
        } finally {
            System.setOut(before);
        }
        String out = text.toString(StandardCharsets.UTF_8);
        StudySpec spec = StudySpec.load(f);
        int rows = spec.rows().size();
        assertTrue(out.contains("would submit " + rows + " of " + rows + " rows"), out);
        assertTrue(out.contains("%3") && out.contains("--qos=short --nice=10"), out);
        assertFalse(Files.exists(dir.resolve("results")), "a dry run writes nothing");
    }

    @Test
    void theStatusTableColoursStatesShowsProgressAndEscapesLogLines() throws IOException {
        StudySpec spec = StudySpec.parse(AblationFixtures.STUDY_JSON, "study.json");
        List<RowKey> keys = spec.rows();
        long budget = spec.budget().steps();
        ClusterStatus st = new ClusterStatus(spec, List.of(
                new RowState(keys.get(0), 0, RowState.State.DONE, "8_0", budget, "", "completed",
                        Map.of("mlm_accuracy", 0.25), List.of()),
                new RowState(keys.get(1), 1, RowState.State.RUNNING, "8_1", budget / 2, "0:42", "",
                        Map.of("mlm_accuracy", 0.125), List.of()),
                new RowState(keys.get(2), 2, RowState.State.FAILED, "8_2", 0, "", "failed, exit 1", Map.of(),
                        List.of("Exception: <bad> & worse")),
                new RowState(keys.get(3), 3, RowState.State.PENDING, "8_3", 0, "", "Resources", Map.of(), List.of())));
        ClusterStatusTable table = new ClusterStatusTable(st, "12:00:00 UTC");
        String html = table.html();
        assertTrue(html.contains("<b style=\"color:#1a7f37\">done</b>"), html);
        assertTrue(html.contains("<b style=\"color:#cf222e\">failed</b>"), html);
        long width = Math.round(100.0 * (budget / 2) / budget); // the running row's share of the budget
        assertTrue(html.contains("width:" + width + "%;height:8px;background:#0969da")
                && html.contains(" " + budget / 2 + "/" + budget), html);
        assertTrue(html.contains("0.2500") && html.contains("0.1250") && html.contains("0:42"), html);
        assertTrue(html.contains("<pre style=\"margin:2px 0;font-size:85%\">Exception: &lt;bad&gt; &amp; worse</pre>"), html);
        assertTrue(html.contains("12:00:00 UTC"), html);
        assertTrue(html.contains("1 done, 1 running, 1 pending, 1 failed"), html);
        assertEquals(st.toText(), table.text());
    }
}
