package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.train.StepMetrics;

/** Runs the tiny example study (2 variants x 2 seeds, 3 steps each) on the real corpus. */
class StudyRunnerTest {
    private static StudyData data;
    private final StudySpec spec = StudySpecTest.example();

    @BeforeAll
    static void shareData() {
        data = new StudyData();
    }

    @AfterAll
    static void closeData() {
        data.close();
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    /** Records what the runner reports. */
    static final class Recorder implements StudyListener {
        final List<RowKey> started = new ArrayList<>();
        final List<RowKey> finished = new ArrayList<>();
        final List<RowKey> skipped = new ArrayList<>();
        final Map<RowKey, List<Long>> steps = new LinkedHashMap<>();

        @Override
        public void rowStarted(RowKey row, int position, int count) {
            started.add(row);
        }

        @Override
        public void step(RowKey row, StepMetrics metrics) {
            steps.computeIfAbsent(row, k -> new ArrayList<>()).add(metrics.step());
        }

        @Override
        public void rowFinished(StudyRow row) {
            finished.add(row.key());
        }

        @Override
        public void rowSkipped(RowKey row) {
            skipped.add(row);
        }
    }

    /** The example study with seed 0 only (two rows), for the slower scenarios. */
    private final StudySpec oneSeed = new StudySpec(spec.name(), spec.title(), spec.description(), spec.base(),
            spec.baseOverrides(), spec.baseline(), spec.variants(), List.of(0), spec.budget(), spec.fineTuning(),
            spec.speedProbe());

    private StudyRunner runner(Path out) {
        return new StudyRunner(spec, out).data(data);
    }

    private StudyRunner oneSeedRunner(Path out) {
        return new StudyRunner(oneSeed, out).data(data);
    }

    private static Map<Path, FileTime> rowFiles(Path out) throws IOException {
        Map<Path, FileTime> times = new LinkedHashMap<>();
        try (var files = Files.list(StudyRunner.rowsDir(out))) {
            for (Path f : files.sorted().toList()) {
                times.put(f, Files.getLastModifiedTime(f));
            }
        }
        return times;
    }

    @Test
    void runWritesOneRowPerVariantAndSeedAndASecondRunRecomputesNothing(@TempDir Path out) throws IOException {
        Recorder first = new Recorder();
        StudyRunner.Result r = runner(out).addListener(first).run();
        assertEquals(StudyRunner.Outcome.COMPLETED, r.outcome());
        assertEquals(spec.rows(), first.finished);
        StudyResults results = StudyResults.load(spec, out);
        assertTrue(results.complete());
        assertEquals(spec.rows(), List.copyOf(results.rows().keySet()));

        StudyRow moe = results.rows().get(new RowKey("moe", 1));
        assertEquals(StudyRow.Status.COMPLETED, moe.status());
        assertEquals(spec.config("moe", 1), moe.config());
        assertEquals(moe.config(), moe.provenance().config());
        assertEquals((double) ModelSize.of(moe.config()).totalParams(), moe.metric(StudyMetrics.PARAMS_TOTAL));
        assertTrue(moe.metric(StudyMetrics.PARAMS_ACTIVE) < moe.metric(StudyMetrics.PARAMS_TOTAL));
        double accuracy = moe.metric(StudyMetrics.MLM_ACCURACY);
        assertTrue(accuracy >= 0 && accuracy <= 1, "mlm_accuracy " + accuracy);
        assertTrue(moe.metric(StudyMetrics.TRAIN_TOKENS_PER_S) > 0);
        assertTrue(moe.metric(StudyMetrics.INFER_TOKENS_PER_S) > 0);
        assertTrue(moe.metric(StudyMetrics.USAGE) > 0 && moe.metric(StudyMetrics.USAGE) <= 1);
        assertTrue(moe.metrics().containsKey(StudyMetrics.LEFT_BEHIND));
        assertTrue(moe.threads() >= 1);
        assertEquals(List.of(2L, 3L), moe.curve().stream().map(StudyRow.EvalPoint::step).toList());
        assertEquals(accuracy, moe.curve().get(1).values().get(StudyMetrics.MLM_ACCURACY), 1e-12);
        StudyRow dense = results.rows().get(new RowKey("dense", 0));
        assertFalse(dense.metrics().containsKey(StudyMetrics.USAGE), "no routing metrics without MoE layers");
        assertTrue(dense.metric(StudyMetrics.PARAMS_TOTAL) < moe.metric(StudyMetrics.PARAMS_TOTAL));

        Map<Path, FileTime> before = rowFiles(out);
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Path f : before.keySet()) {
            contents.put(f, Files.readAllBytes(f));
        }
        Recorder second = new Recorder();
        StudyRunner.Result again = runner(out).addListener(second).run();
        assertEquals(spec.rows(), second.skipped);
        assertEquals(List.of(), second.started);
        assertEquals(List.of(), again.finished());
        assertEquals(before, rowFiles(out));
        for (Path f : before.keySet()) {
            assertArrayEquals(contents.get(f), Files.readAllBytes(f), f.toString());
        }
    }

    @Test
    void interruptedStudyKeepsFinishedRowsAndResumesTheRowItStopped(@TempDir Path out) throws IOException {
        RowKey second = oneSeed.rows().get(1);
        StudyListener interrupter = new StudyListener() {
            @Override
            public void step(RowKey row, StepMetrics metrics) {
                if (row.equals(second) && metrics.step() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        StudyRunner.Result stopped = oneSeedRunner(out).addListener(interrupter).run();
        assertTrue(Thread.interrupted(), "the interrupt flag stays set for the caller");
        assertEquals(StudyRunner.Outcome.INTERRUPTED, stopped.outcome());
        assertEquals(List.of(oneSeed.rows().get(0)), stopped.finished());
        assertEquals(List.of(second), stopped.remaining());
        assertEquals(1, rowFiles(out).size());
        assertTrue(Files.isRegularFile(out.resolve(second.runFolder()).resolve("checkpoint.smlc")));

        Recorder resumed = new Recorder();
        StudyRunner.Result rest = oneSeedRunner(out).addListener(resumed).run();
        assertEquals(StudyRunner.Outcome.COMPLETED, rest.outcome());
        assertEquals(List.of(oneSeed.rows().get(0)), resumed.skipped);
        assertEquals(List.of(second), resumed.finished);
        assertEquals(List.of(3L), resumed.steps.get(second), "the interrupted row resumed after step 2");
        assertTrue(StudyResults.load(oneSeed, out).complete());
    }

    @Test
    void rowKRunsOnlyThatRowAndAnInterruptedRowResumesToTheSameNumbers(@TempDir Path dir) {
        Path straight = dir.resolve("straight");
        Path resumed = dir.resolve("resumed");
        RowKey second = oneSeed.rows().get(1);
        StudyRunner.Result r = oneSeedRunner(straight).row(1).run();
        assertEquals(List.of(second), r.finished());
        assertEquals(List.of(second), List.copyOf(StudyResults.load(oneSeed, straight).rows().keySet()));

        StudyListener interrupter = new StudyListener() {
            @Override
            public void step(RowKey row, StepMetrics metrics) {
                if (metrics.step() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertEquals(StudyRunner.Outcome.INTERRUPTED, oneSeedRunner(resumed).row(1).addListener(interrupter).run()
                .outcome());
        assertTrue(Thread.interrupted());
        assertEquals(List.of(second), oneSeedRunner(resumed).row(1).run().finished());
        RowComparison c = RowComparison.of(StudyResults.load(oneSeed, straight), StudyResults.load(oneSeed, resumed));
        assertEquals(1, c.compared());
        assertEquals(List.of(), c.differences(), "resumed after step 2 = uninterrupted, metric for metric");
        assertThrows(IllegalArgumentException.class, () -> oneSeedRunner(straight).row(2));
    }

    @Test
    void twoShardsInSeparateFoldersMergeIntoTheFullSet(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path merged = dir.resolve("merged");
        oneSeedRunner(a).shard(Shard.parse("1/2")).run();
        oneSeedRunner(b).shard(Shard.parse("2/2")).run();
        List<RowKey> inA = List.copyOf(StudyResults.load(oneSeed, a).rows().keySet());
        List<RowKey> inB = List.copyOf(StudyResults.load(oneSeed, b).rows().keySet());
        assertEquals(oneSeed.rows(new Shard(1, 2)), inA);
        assertEquals(oneSeed.rows(new Shard(2, 2)), inB);
        assertTrue(new HashSet<>(inA).stream().noneMatch(inB::contains));

        StudyMerge.Report report = StudyMerge.merge(merged, List.of(a, b));
        assertEquals(2, report.copied().size());
        assertEquals(List.of(), report.conflicts());
        StudyResults all = StudyResults.load(oneSeed, merged);
        assertTrue(all.complete());
        assertEquals(2, StudyMerge.merge(merged, List.of(a, b)).alreadyPresent().size(), "merging twice is harmless");

        for (RowKey k : oneSeed.rows()) {
            Path shardFolder = inA.contains(k) ? a : b;
            assertArrayEquals(Files.readAllBytes(StudyRunner.rowsDir(shardFolder).resolve(k.fileName())),
                    Files.readAllBytes(StudyRunner.rowsDir(merged).resolve(k.fileName())), k.toString());
        }
    }

    @Test
    void fineTuningAfterPretrainingAddsTheTaskAccuracy(@TempDir Path out) throws IOException {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(StudySpecTest.exampleJson());
        tree.putArray("seeds").add(0);
        ((ArrayNode) tree.get("variants")).remove(1);
        ObjectNode ft = tree.putObject("fine_tuning");
        ft.putArray("tasks").add("sentiment");
        ft.put("steps", 2).put("batch_size", 4).put("eval_batches", 2);
        StudySpec withTask = StudySpec.parse(tree.toString(), "with-task.json");
        new StudyRunner(withTask, out).data(data).run();
        StudyRow row = StudyResults.load(withTask, out).rows().get(new RowKey("moe", 0));
        double accuracy = row.metric(StudyMetrics.finetune("sentiment", "accuracy"));
        assertTrue(accuracy >= 0 && accuracy <= 1, "finetune.sentiment.accuracy " + accuracy);
        Path provenance = out.resolve("runs/moe/seed-0/finetune-sentiment/provenance.json");
        assertTrue(Files.readString(provenance).contains("checkpoint.smlc"), "fine-tuned from the row's checkpoint");
    }
}
