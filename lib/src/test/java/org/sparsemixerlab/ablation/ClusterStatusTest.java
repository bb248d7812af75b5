package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status join on squeue / scontrol outputs recorded from the one-node cluster (see
 * resources/ablation/slurm/README.md): array 8 with tasks 0-3, summary job 9.
 */
class ClusterStatusTest {
    private final StudySpec spec = StudySpecTest.example();
    private final RecordedSlurm slurm = new RecordedSlurm();
    @TempDir
    Path out;

    @BeforeEach
    void submitted() {
        List<JobsFile.ArrayTask> tasks = List.of(new JobsFile.ArrayTask(0, "moe__seed-0"),
                new JobsFile.ArrayTask(1, "dense__seed-0"), new JobsFile.ArrayTask(2, "moe__seed-1"),
                new JobsFile.ArrayTask(3, "dense__seed-1"));
        new JobsFile(spec.name(), StudyHash.of(spec), List.of(new JobsFile.Submission("8", "9", tasks,
                List.of("sbatch"), List.of("sbatch"), "slurm/rows-1.sh", "2026-12-03T11:58:00Z", StudyHash.of(spec))))
                .write(out);
    }

    private void store(String variant, int seed) {
        StudySummaryTest.syntheticRow(spec, variant, seed, StudyRow.Status.COMPLETED, 0.3, 1000, List.of())
                .writeTo(StudyRunner.rowsDir(out));
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void metricsAt(RowKey row, long step) throws IOException {
        StringBuilder b = new StringBuilder();
        for (long s = 1; s <= step; s++) {
            b.append("{\"type\":\"step\",\"metrics\":{\"step\":").append(s).append(",\"tokens_per_second\":900.0}}\n");
        }
        b.append("{\"type\":\"eval\",\"metrics\":{\"step\":").append(step)
                .append(",\"values\":{\"mlm_accuracy\":0.125}}}\n");
        write(out.resolve(row.runFolder()).resolve("metrics.jsonl"), b.toString());
    }

    @Test
    void runningCancelledAndDoneRowsFromRecordedOutputs() throws IOException {
        store("dense", 0);
        metricsAt(new RowKey("moe", 1), 2);
        slurm.squeue = RecordedSlurm.resource("squeue-running.txt");
        slurm.showJob = RecordedSlurm.resource("scontrol-running.txt");
        write(BatchScript.exitFile(out, new RowKey("moe", 0)), "143 8_0\n");
        ClusterStatus st = ClusterStatus.of(spec, out, slurm);

        RowState cancelled = st.rows().get(0);
        assertEquals(RowState.State.FAILED, cancelled.state());
        assertEquals("cancelled, exit 143", cancelled.detail());
        assertEquals("8_0", cancelled.taskId());
        assertEquals(RowState.State.DONE, st.rows().get(1).state());
        RowState running = st.rows().get(2);
        assertEquals(RowState.State.RUNNING, running.state());
        assertEquals("0:02", running.elapsed());
        assertEquals(2, running.step());
        assertEquals(Map.of("mlm_accuracy", 0.125), running.latest());
        assertEquals(RowState.State.RUNNING, st.rows().get(3).state());
        assertEquals("4 rows: 1 done, 2 running, 0 pending, 1 failed, 0 not submitted", st.totalLine());
        assertFalse(st.settled());
        String text = st.toText();
        assertTrue(text.contains("moe seed 1"), text);
        assertTrue(text.matches("(?s).*moe seed 1 +running +8_2 +2/3 +0:02.*"), text);
    }

    @Test
    void aKilledTaskIsFailedWithItsExitCodeAndTheLastLinesOfItsLog() throws IOException {
        store("dense", 0);
        slurm.squeue = RecordedSlurm.resource("squeue-after-kill.txt");
        slurm.showJob = RecordedSlurm.resource("scontrol-after-kill.txt");
        write(BatchScript.logFile(out, new RowKey("dense", 1)), "== start\nline a\n\nline b\nOutOfMemoryError: x\n");
        RowState killed = ClusterStatus.of(spec, out, slurm).rows().get(3);
        assertEquals(RowState.State.FAILED, killed.state());
        assertEquals("failed, exit 137", killed.detail());
        assertEquals(List.of("line a", "line b", "OutOfMemoryError: x"), killed.logTail());
    }

    @Test
    void throttledTasksArePendingWithSlurmsReason() throws IOException {
        new JobsFile(spec.name(), StudyHash.of(spec), List.of(new JobsFile.Submission("16", "17",
                List.of(new JobsFile.ArrayTask(0, "moe__seed-0"), new JobsFile.ArrayTask(1, "dense__seed-0"),
                        new JobsFile.ArrayTask(2, "moe__seed-1"), new JobsFile.ArrayTask(3, "dense__seed-1")),
                List.of(), List.of(), "slurm/rows-1.sh", "t", StudyHash.of(spec)))).write(out);
        slurm.squeue = RecordedSlurm.resource("squeue-throttled.txt");
        ClusterStatus st = ClusterStatus.of(spec, out, slurm);
        assertEquals(RowState.State.RUNNING, st.rows().get(0).state());
        for (int k = 1; k < 4; k++) {
            assertEquals(RowState.State.PENDING, st.rows().get(k).state());
            assertEquals("JobArrayTaskLimit", st.rows().get(k).detail());
        }
    }

    @Test
    void aSubmittedRowThatSlurmForgotIsVanishedUnlessItsExitRecordTells() throws IOException {
        store("dense", 0);
        store("moe", 1);
        write(BatchScript.exitFile(out, new RowKey("dense", 1)), "1 8_3\n");
        write(BatchScript.exitFile(out, new RowKey("moe", 0)), "1 5_0\n"); // another submission's record
        ClusterStatus st = ClusterStatus.of(spec, out, slurm); // squeue and scontrol know nothing any more
        assertEquals("vanished: not queued, no Slurm record and no exit record left", st.rows().get(0).detail());
        assertEquals("ended with exit 1 without a row file", st.rows().get(3).detail());
        assertEquals(2, st.in(RowState.State.FAILED).size());
        assertTrue(st.settled());
    }

    @Test
    void tasksCancelledBeforeTheyStartedAreCancelledNotVanished() throws IOException {
        new JobsFile(spec.name(), StudyHash.of(spec), List.of(new JobsFile.Submission("62", "63",
                List.of(new JobsFile.ArrayTask(0, "moe__seed-0"), new JobsFile.ArrayTask(1, "dense__seed-0"),
                        new JobsFile.ArrayTask(2, "moe__seed-1"), new JobsFile.ArrayTask(3, "dense__seed-1")),
                List.of(), List.of(), "slurm/rows-1.sh", "t", StudyHash.of(spec)))).write(out);
        slurm.showJob = RecordedSlurm.resource("scontrol-cancelled-pending.txt")
                + "JobId=64 ArrayJobId=62 ArrayTaskId=0 JobState=CANCELLED Reason=None ExitCode=143:0\n";
        ClusterStatus st = ClusterStatus.of(spec, out, slurm);
        assertEquals("cancelled, exit 143", st.rows().get(0).detail());
        assertEquals("cancelled", st.rows().get(2).detail());
        assertEquals("cancelled", st.rows().get(3).detail());
        assertEquals(RowState.State.FAILED, st.rows().get(3).state());
    }

    @Test
    void rowsOutsideEverySubmissionAreNotSubmitted() throws IOException {
        new JobsFile(spec.name(), StudyHash.of(spec), List.of(new JobsFile.Submission("8", "9",
                List.of(new JobsFile.ArrayTask(2, "moe__seed-1")), List.of(), List.of(), "slurm/rows-1.sh", "t",
                StudyHash.of(spec)))).write(out);
        slurm.squeue = "8_2|PENDING|0:00|Priority\n";
        ClusterStatus st = ClusterStatus.of(spec, out, slurm);
        assertEquals(List.of(RowState.State.NOT_SUBMITTED, RowState.State.NOT_SUBMITTED, RowState.State.PENDING,
                RowState.State.NOT_SUBMITTED), st.rows().stream().map(RowState::state).toList());
        assertEquals("Priority", st.rows().get(2).detail());
    }

    @Test
    void scontrolRecordsOfUnsplitArrayPartsAreSkipped() {
        Map<String, ClusterStatus.SlurmTask> tasks = ClusterStatus.parseShowJob(
                "JobId=16 ArrayJobId=16 ArrayTaskId=1-3%1 JobState=PENDING Reason=JobArrayTaskLimit ExitCode=0:0\n"
                        + "JobId=20 ArrayJobId=16 ArrayTaskId=0 JobState=TIMEOUT Reason=TimeLimit ExitCode=0:15\n");
        assertEquals(1, tasks.size(), "a pending range is squeue's to report");
        assertEquals(new ClusterStatus.SlurmTask("TIMEOUT", "", "TimeLimit", "0:15"), tasks.get("16_0"));
    }

    @Test
    void theCommandLineShowsTheJoinedTableOnceSubmitted() throws IOException {
        for (RowKey k : spec.rows()) {
            store(k.variant(), k.seed());
        }
        Path study = out.resolve("study.json");
        Files.writeString(study, StudySpecTest.exampleJson());
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        int code = AblationCommand.execute(new String[] {"status", study.toString(), "--out", out.toString()},
                new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8), System.err, () -> slurm,
                Map.of());
        assertEquals(0, code);
        assertTrue(text.toString(java.nio.charset.StandardCharsets.UTF_8)
                .contains("4 rows: 4 done, 0 running, 0 pending, 0 failed, 0 not submitted"), text.toString());
    }
}
