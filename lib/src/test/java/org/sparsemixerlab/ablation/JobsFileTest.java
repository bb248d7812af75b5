package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jobs.json, the study hash and the row comparison. */
class JobsFileTest {
    private final StudySpec spec = StudySpecTest.example();

    @Test
    void jobsFileRoundTripsAndLaterSubmissionsWinPerRow(@TempDir Path out) throws IOException {
        assertNull(JobsFile.readIfPresent(out));
        JobsFile.Submission first = new JobsFile.Submission("8", "9", List.of(new JobsFile.ArrayTask(0, "moe__seed-0"),
                new JobsFile.ArrayTask(1, "dense__seed-0")), List.of("sbatch", "--array=0,1"), List.of("sbatch"),
                "slurm/rows-1.sh", "2026-12-03T12:00:00Z", "h");
        JobsFile.Submission again = new JobsFile.Submission("13", "14", List.of(new JobsFile.ArrayTask(1,
                "dense__seed-0")), List.of("sbatch", "--array=1"), List.of("sbatch"), "slurm/rows-2.sh",
                "2026-12-03T12:05:00Z", "h");
        new JobsFile("s", "h", List.of()).with(first).with(again).write(out);
        JobsFile read = JobsFile.readIfPresent(out);
        assertEquals(List.of(first, again), read.submissions());
        assertEquals("8_0", read.latestByRow().get("moe__seed-0").getKey().taskId(0));
        assertEquals("13", read.latestByRow().get("dense__seed-0").getKey().arrayJobId());
        assertTrue(Files.readString(JobsFile.path(out)).contains("\"array_job_id\" : \"8\""));

        Files.writeString(JobsFile.path(out), "{\"study\": 3, \"submissions\": 5}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobsFile.readIfPresent(out));
        assertTrue(e.getMessage().contains("move it aside"), e.getMessage());
    }

    @Test
    void theStudyHashIgnoresLayoutAndSeesEveryChange() {
        String json = StudySpecTest.exampleJson();
        String hash = StudyHash.of(spec);
        assertEquals(64, hash.length());
        assertEquals(hash, StudyHash.of(StudySpec.parse(json.replace("\n", "\n   "), "spaced.json")));
        String reordered = json.replace("\"num_layers\": 2, \"d_model\": 32", "\"d_model\": 32, \"num_layers\": 2");
        assertNotEquals(json, reordered);
        assertEquals(hash, StudyHash.of(StudySpec.parse(reordered, "reordered.json")));
        assertNotEquals(hash, StudyHash.of(StudySpec.parse(json.replace("\"seeds\": [0, 1]", "\"seeds\": [0, 2]"), "s")));
        assertNotEquals(hash, StudyHash.of(StudySpec.parse(json.replace("\"steps\": 3", "\"steps\": 4"), "s")));
    }

    private StudyRow row(String variant, int seed, double accuracy, double speed, double wall) {
        Map<String, Double> metrics = new TreeMap<>(Map.of(StudyMetrics.MLM_ACCURACY, accuracy,
                StudyMetrics.TRAIN_TOKENS_PER_S, speed));
        StudyRow base = StudySummaryTest.syntheticRow(spec, variant, seed, StudyRow.Status.COMPLETED, accuracy, speed,
                List.of(new StudyRow.EvalPoint(2, Map.of("mlm_accuracy", accuracy))));
        return new StudyRow(base.study(), variant, seed, base.status(), base.config(), metrics, base.curve(), wall,
                base.provenance(), 1, "");
    }

    @Test
    void rowsCompareMetricForMetricLeavingSpeedsAndWallTimeOut(@TempDir Path dir) {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        row("moe", 0, 0.25, 900, 10).writeTo(StudyRunner.rowsDir(a));
        row("moe", 0, 0.25, 1200, 14).writeTo(StudyRunner.rowsDir(b));
        RowComparison same = RowComparison.of(StudyResults.load(spec, a), StudyResults.load(spec, b));
        assertEquals(1, same.compared());
        assertTrue(same.equal(), same.differences().toString());

        row("dense", 0, 0.25, 900, 10).writeTo(StudyRunner.rowsDir(a));
        row("dense", 0, Math.nextUp(0.25), 900, 10).writeTo(StudyRunner.rowsDir(b));
        row("moe", 1, 0.2, 900, 10).writeTo(StudyRunner.rowsDir(a));
        RowComparison differ = RowComparison.of(StudyResults.load(spec, a), StudyResults.load(spec, b));
        assertEquals(2, differ.compared());
        assertEquals(List.of("dense seed 0: mlm_accuracy 0.25 vs 0.25000000000000006",
                "dense seed 0: evaluation curves differ (1 vs 1 points)", "moe seed 1: missing from the second folder"),
                differ.differences());
    }
}
