package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on synthetic rows: user mistakes, status, table and merge (no training). */
class AblationCommandTest {
    private final StudySpec spec = StudySpecTest.example();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return AblationCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path studyFile(Path dir) throws IOException {
        Path f = dir.resolve("study.json");
        Files.writeString(f, StudySpecTest.exampleJson());
        return f;
    }

    private void writeRow(Path out, String variant, int seed, double accuracy) {
        StudySummaryTest.syntheticRow(spec, variant, seed, StudyRow.Status.COMPLETED, accuracy, 1000, List.of())
                .writeTo(StudyRunner.rowsDir(out));
    }

    @Test
    void userMistakesPrintTheUsageAndExitWithTwo(@TempDir Path dir) throws IOException {
        String study = studyFile(dir).toString();
        assertEquals(2, execute());
        assertTrue(err().contains("expected a command"), err());
        assertTrue(err().contains("usage: run STUDY.json --out DIR"), err());
        assertEquals(2, execute("run", study, "--out", dir.toString(), "--shard", "3/2"));
        assertTrue(err().contains("received 3/2"), err());
        assertEquals(2, execute("run", study));
        assertTrue(err().contains("missing --out DIR"), err());
        assertEquals(2, execute("table", dir.resolve("nope.json").toString(), "--out", dir.toString()));
        assertTrue(err().contains("cannot read the study file"), err());
        assertEquals(2, execute("fly", study, "--out", dir.toString()));
        assertTrue(err().contains("unknown command 'fly'"), err());
        assertFalse(err().contains("\tat "), "no stack trace");
    }

    @Test
    void statusListsDoneAndMissingRows(@TempDir Path dir) throws IOException {
        Path outDir = dir.resolve("out");
        writeRow(outDir, "moe", 0, 0.3);
        assertEquals(1, execute("status", studyFile(dir).toString(), "--out", outDir.toString()));
        assertTrue(out().contains("1 of 4 rows done"), out());
        assertTrue(out().contains("done    moe seed 0"), out());
        assertTrue(out().contains("missing dense seed 1"), out());
    }

    @Test
    void tablePrintsOneLinePerVariant(@TempDir Path dir) throws IOException {
        Path outDir = dir.resolve("out");
        writeRow(outDir, "moe", 0, 0.3);
        writeRow(outDir, "dense", 0, 0.2);
        assertEquals(0, execute("table", studyFile(dir).toString(), "--out", outDir.toString()));
        assertTrue(out().contains("moe (baseline)"), out());
        assertTrue(out().contains("0.2000 (-0.1000)"), out());
        assertTrue(out().contains("missing rows (2)"), out());
    }

    @Test
    void mergeCopiesRowsAndRefusesToOverwriteADifferentRow(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path target = dir.resolve("all");
        writeRow(a, "moe", 0, 0.3);
        writeRow(b, "dense", 0, 0.2);
        assertEquals(0, execute("merge", "--out", target.toString(), a.toString(), b.toString()));
        assertTrue(out().contains("2 rows copied, 0 already present, 0 conflicts"), out());
        assertEquals(2, StudyResults.load(spec, target).rows().size());

        Path c = dir.resolve("c");
        writeRow(c, "moe", 0, 0.9);
        assertEquals(1, execute("merge", "--out", target.toString(), c.toString()));
        assertTrue(out().contains("conflict"), out());
        assertEquals(0.3, StudyResults.load(spec, target).rows().get(new RowKey("moe", 0))
                .metric(StudyMetrics.MLM_ACCURACY), 1e-12);
        assertEquals(2, execute("merge", "--out", target.toString(), dir.resolve("none").toString()));
        assertTrue(err().contains("has no rows/ folder"), err());
    }
}
