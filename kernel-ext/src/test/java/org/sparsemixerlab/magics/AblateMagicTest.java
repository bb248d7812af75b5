package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.ablation.RowKey;
import org.sparsemixerlab.ablation.StudyRunner;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.render.AblationFixtures;

/** {@code %ablate} called directly (no kernel): argument errors, load, status and a micro run. */
class AblateMagicTest {

    private static String usageError(String... args) {
        return assertThrows(MagicUsageException.class, () -> AblateMagic.line(null, List.of(args))).getMessage();
    }

    private static Path studyFile(Path dir, String json) throws IOException {
        Path f = dir.resolve("study.json");
        Files.writeString(f, json);
        return f;
    }

    @Test
    void missingOrUnknownCommandIsAUsageError() {
        assertTrue(usageError().contains("expects a command (run, load or status) and a study file, got nothing"));
        assertTrue(usageError("train", "s.json").contains("unknown command 'train'"));
        assertTrue(usageError("load").contains("expects a command"));
    }

    @Test
    void optionsAreCheckedBeforeAnythingIsRead() {
        assertTrue(usageError("load", "s.json", "--shard", "1/2").contains("--shard applies to run only"));
        assertTrue(usageError("load", "s.json", "--metric", "speed").contains("--metric expects a quality metric"));
        assertTrue(usageError("load", "s.json", "--bogus", "1").contains("unknown option --bogus"));
    }

    @Test
    void missingStudyFileSaysWhereItLooked(@TempDir Path dir) {
        String message = usageError("load", dir.resolve("nope.json").toString());
        assertTrue(message.contains("no study file at " + dir.resolve("nope.json")), message);
    }

    @Test
    void badStudyJsonGivesTheSpecMessage(@TempDir Path dir) throws IOException {
        Path f = studyFile(dir, AblationFixtures.STUDY_JSON.replace("\"baseline\": \"moe\"", "\"baseline\": \"nobody\""));
        String message = usageError("load", f.toString());
        assertTrue(message.contains("nobody"), message);
    }

    @Test
    void badShardIsAUsageError(@TempDir Path dir) throws IOException {
        Path f = studyFile(dir, AblationFixtures.STUDY_JSON);
        assertTrue(usageError("run", f.toString(), "--shard", "3/2").contains("a shard is i/n"));
    }

    @Test
    void loadReadsStoredRowsFromTheDefaultFolderAndListsMissingOnes(@TempDir Path dir) throws IOException {
        Path f = studyFile(dir, AblationFixtures.STUDY_JSON);
        StudySpec spec = StudySpec.load(f);
        Path out = AblateMagic.defaultOut(f, spec);
        assertEquals(dir.resolve("results").resolve("four-way"), out);
        AblationFixtures.writeRows(spec, out, List.of("moe", "dense"));
        StudySummary s = assertInstanceOf(StudySummary.class, AblateMagic.line(null, List.of("load", f.toString())));
        assertEquals(2, s.variant("dense").completedRows());
        assertEquals(List.of(new RowKey("fast", 0), new RowKey("slim", 0), new RowKey("fast", 1),
                new RowKey("slim", 1)), s.missing());
    }

    @Test
    void loadWithAnExplicitOutFolderAndStatusReturnsNothing(@TempDir Path dir) throws IOException {
        Path f = studyFile(dir, AblationFixtures.STUDY_JSON);
        Path out = dir.resolve("elsewhere");
        AblationFixtures.writeRows(StudySpec.load(f), out, List.of("moe", "dense", "fast", "slim"));
        StudySummary s = (StudySummary) AblateMagic.line(null, List.of("load", f.toString(), "--out", out.toString()));
        assertTrue(s.missing().isEmpty());
        assertNull(AblateMagic.line(null, List.of("status", f.toString(), "--out", out.toString())));
    }

    @Test
    void statusListsDoneAndMissingRows(@TempDir Path dir) throws IOException {
        Path f = studyFile(dir, AblationFixtures.STUDY_JSON);
        AblationFixtures.writeRows(StudySpec.load(f), AblateMagic.defaultOut(f, StudySpec.load(f)), List.of("slim"));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            AblateMagic.line(null, List.of("status", f.toString()));
        } finally {
            System.setOut(previous);
        }
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("2 of 8 rows done"), text);
        assertTrue(text.contains("done    slim seed 1 (completed)"), text);
        assertTrue(text.contains("missing moe seed 0"), text);
    }

    @Test
    void runTrainsTheOwnedRowsOfAMicroStudyAndASecondRunSkipsThem(@TempDir Path dir) throws IOException {
        String micro = AblationFixtures.STUDY_JSON.replace("\"seeds\": [0, 1]", "\"seeds\": [0]");
        Path f = studyFile(dir, micro);
        Path out = dir.resolve("out");
        List<String> args = List.of("run", f.toString(), "--out", out.toString(), "--shard", "1/2");
        StudySummary first = (StudySummary) AblateMagic.line(null, args);
        // rows in order moe, dense, fast, slim (seed 0); shard 1/2 owns moe and fast
        assertEquals(List.of("fast__seed-0.json", "moe__seed-0.json"), rowFiles(out));
        assertEquals(List.of(new RowKey("dense", 0), new RowKey("slim", 0)), first.missing());
        assertEquals(1, first.variant("moe").metric("train_tokens_per_s").n());
        StudySummary second = (StudySummary) AblateMagic.line(null, args);
        assertEquals(first.missing(), second.missing());
        assertEquals(first.variant("fast").metric("mlm_accuracy").mean(),
                second.variant("fast").metric("mlm_accuracy").mean(), 0.0);
    }

    @Test
    void anInterruptedRunKeepsStoredRowsSaysHowToResumeAndKeepsTheInterruptFlag(@TempDir Path dir)
            throws IOException {
        Path f = studyFile(dir, AblationFixtures.STUDY_JSON);
        StudySpec spec = StudySpec.load(f);
        AblationFixtures.writeRows(spec, AblateMagic.defaultOut(f, spec), List.of("moe", "dense"));
        LabSession.device();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream previous = System.out;
        System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        StudySummary s;
        boolean stillInterrupted;
        try {
            // rows run seed-major: moe 0 and dense 0 are skipped, then the interrupt stops before fast 0; 6 remain
            Thread.currentThread().interrupt();
            s = (StudySummary) AblateMagic.line(null, List.of("run", f.toString()));
        } finally {
            stillInterrupted = Thread.interrupted();
            System.setOut(previous);
        }
        assertTrue(stillInterrupted, "the interrupt flag must survive for the kernel");
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("interrupted: 0 rows finished in this run, 6 remaining"), text);
        assertTrue(text.contains("To resume, run the same line again: %ablate run " + f), text);
        assertEquals(2, s.variant("dense").completedRows());
        assertEquals(4, s.missing().size());
    }

    @Test
    void progressLineNamesRowVariantSeedStepAndLossAndTheTableListsFinishedRows() {
        AblationProgress p = new AblationProgress("four-way", 10);
        StudySpec spec = AblationFixtures.spec();
        p.rowStarted(new RowKey("dense", 1), 2, 8);
        p.step(new RowKey("dense", 1), new org.sparsemixerlab.train.StepMetrics(3, 1e-3, 1.23456, java.util.Map.of(),
                List.of(), 1.0, 500, 0.5, 0.01, 1e-4));
        String line = p.progress();
        assertTrue(line.contains("row 2 of 8: dense seed 1, step 3/10, loss 1.2346, 500 tok/s (pre-training)"), line);
        p.rowFinished(org.sparsemixerlab.render.AblationFixtures.rowForTests(spec, "dense", 1));
        assertEquals(1, p.finishedTable().rowCount());
        assertTrue(p.finishedTable().toText().contains("0.2200"), p.finishedTable().toText());
    }

    private static List<String> rowFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.list(StudyRunner.rowsDir(out))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }
}
