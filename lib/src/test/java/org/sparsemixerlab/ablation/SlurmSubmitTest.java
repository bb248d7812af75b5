package org.sparsemixerlab.ablation;

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

/** submit, resubmit and cancel through the command line against a recorded Slurm: no cluster needed. */
class SlurmSubmitTest {
    private final StudySpec spec = StudySpecTest.example();
    private final RecordedSlurm slurm = new RecordedSlurm();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir
    Path dir;

    private int execute(String... args) {
        return AblationCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> slurm, Map.of());
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String study() throws IOException {
        Path f = dir.resolve("study.json");
        if (!Files.exists(f)) {
            Files.writeString(f, StudySpecTest.exampleJson());
        }
        return f.toString();
    }

    private Path outDir() {
        return dir.resolve("out");
    }

    private void storeRow(String variant, int seed) {
        StudySummaryTest.syntheticRow(spec, variant, seed, StudyRow.Status.COMPLETED, 0.3, 1000, List.of())
                .writeTo(StudyRunner.rowsDir(outDir()));
    }

    @Test
    void submitSendsOneArrayOfTheRowsWithoutARowFileAndASummaryJobAfterIt() throws IOException {
        storeRow("dense", 0); // position 1 of moe/0, dense/0, moe/1, dense/1
        assertEquals(0, execute("submit", study(), "--out", outDir().toString(), "--max-parallel", "2",
                "--partition", "debug", "--time", "00:30:00", "--cpus-per-task", "2", "--mem", "4G"), err());
        assertEquals(2, slurm.sbatchCalls.size());
        List<String> array = slurm.sbatchCalls.get(0);
        assertTrue(array.contains("--array=0,2,3%2"), array.toString());
        assertTrue(array.containsAll(List.of("--requeue", "--signal=B:USR1@120", "--partition=debug", "--time=00:30:00",
                "--cpus-per-task=2", "--mem=4G", "--job-name=sml-tiny-moe-vs-dense")), array.toString());
        Path script = Path.of(array.get(array.size() - 1));
        assertEquals(outDir().toAbsolutePath().resolve("slurm/rows-1.sh"), script);
        assertTrue(Files.isExecutable(script));
        List<String> summary = slurm.sbatchCalls.get(1);
        assertTrue(summary.contains("--dependency=afterany:100"), summary.toString());
        assertTrue(summary.contains("--partition=debug") && !summary.contains("--mem=4G"), summary.toString());

        JobsFile jobs = JobsFile.readIfPresent(outDir());
        assertEquals(1, jobs.submissions().size());
        JobsFile.Submission s = jobs.submissions().get(0);
        assertEquals("100", s.arrayJobId());
        assertEquals("101", s.summaryJobId());
        assertEquals(List.of(new JobsFile.ArrayTask(0, "moe__seed-0"), new JobsFile.ArrayTask(2, "moe__seed-1"),
                new JobsFile.ArrayTask(3, "dense__seed-1")), s.tasks());
        assertEquals("sbatch", s.sbatch().get(0));
        assertEquals(StudyHash.of(spec), jobs.studyHash());
        assertTrue(out().contains("submitted 3 of 4 rows as job array 100"), out());
    }

    @Test
    void dryRunPrintsTheScriptsAndCommandsAndTouchesNothing() throws IOException {
        assertEquals(0, AblationCommand.execute(new String[] {"submit", study(), "--out", outDir().toString(),
                "--dry-run", "--gpus-per-task", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
                    throw new AssertionError("a dry run on a fresh folder needs no Slurm");
                }, Map.of()), err());
        assertTrue(out().contains("would submit 4 of 4 rows"), out());
        assertTrue(out().contains("ROWS=('moe__seed-0' 'dense__seed-0' 'moe__seed-1' 'dense__seed-1')"), out());
        assertTrue(out().contains("sbatch --parsable --job-name=sml-tiny-moe-vs-dense --array=0,1,2,3"), out());
        assertTrue(out().contains("--gpus-per-task=1"), out());
        assertTrue(out().contains("--row \"$K\" --device gpu"), "rows with GPUs train on them: " + out());
        assertTrue(out().contains("'--dependency=afterany:<array job id>'"), out());
        assertFalse(Files.exists(outDir()), "a dry run writes nothing");
    }

    @Test
    void submittingAgainOverACompleteStudySubmitsNothing() throws IOException {
        for (RowKey k : spec.rows()) {
            storeRow(k.variant(), k.seed());
        }
        assertEquals(0, execute("submit", study(), "--out", outDir().toString()));
        assertTrue(out().contains("nothing to submit; every one of its 4 rows is stored or queued already"), out());
        assertTrue(slurm.sbatchCalls.isEmpty());
        assertNull(JobsFile.readIfPresent(outDir()));
    }

    @Test
    void queuedRowsAreNotSubmittedTwice() throws IOException {
        assertEquals(0, execute("submit", study(), "--out", outDir().toString()));
        slurm.squeue = "100_0|RUNNING|0:10|None\n100_1|PENDING|0:00|Resources\n100_2|PENDING|0:00|Resources\n"
                + "100_3|PENDING|0:00|Resources\n101|PENDING|0:00|Dependency\n";
        assertEquals(0, execute("submit", study(), "--out", outDir().toString()));
        assertEquals(2, slurm.sbatchCalls.size(), "no second submission");
        assertTrue(out().contains("nothing to submit"), out());
    }

    @Test
    void sbatchRefusingAnOptionShowsSlurmsMessageAndRecordsNothing() throws IOException {
        slurm.refuseSbatch = 1;
        assertEquals(1, execute("submit", study(), "--out", outDir().toString(), "--partition", "gpu"));
        assertTrue(err().contains("invalid partition specified: gpu"), err());
        assertNull(JobsFile.readIfPresent(outDir()));
        assertFalse(err().contains("\tat "), "no stack trace");
    }

    @Test
    void aRefusedSummaryJobCancelsTheArraySoNothingIsHalfSubmitted() throws IOException {
        slurm.refuseSbatch = 2;
        slurm.refusal = "sbatch: error: Batch job submission failed: Job dependency problem";
        assertEquals(1, execute("submit", study(), "--out", outDir().toString()));
        assertEquals(List.of(List.of("100")), slurm.scancelCalls);
        assertTrue(err().contains("Job dependency problem") && err().contains("array 100 was cancelled again"), err());
        assertNull(JobsFile.readIfPresent(outDir()));
    }

    @Test
    void withoutSbatchOnPathTheMessageSaysWhatToInstallAndWhatWorksWithoutACluster() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("bin"));
        int code = AblationCommand.execute(new String[] {"submit", study(), "--out", outDir().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> SlurmCommands.fromPath(empty.toString()), Map.of());
        assertEquals(1, code);
        assertTrue(err().contains("sbatch is not on PATH"), err());
        assertTrue(err().contains("apt-get install slurm-client"), err());
        assertTrue(err().contains("'run STUDY --out DIR'") && err().contains("--shard i/n"), err());
        assertNull(JobsFile.readIfPresent(outDir()));
    }

    @Test
    void anOutputFolderOfAnotherStudyIsRefusedBeforeAnythingIsSubmitted() throws IOException {
        StudySpec other = StudySpec.parse(StudySpecTest.exampleJson().replace("\"tiny-moe-vs-dense\"", "\"other\""),
                "other.json");
        StudySummaryTest.syntheticRow(other, "moe", 0, StudyRow.Status.COMPLETED, 0.3, 1000, List.of())
                .writeTo(StudyRunner.rowsDir(outDir()));
        assertEquals(2, execute("submit", study(), "--out", outDir().toString()));
        assertTrue(err().contains("holds row files that are not rows of study 'tiny-moe-vs-dense'"), err());
        assertTrue(slurm.sbatchCalls.isEmpty());
    }

    @Test
    void aStudyThatChangedSinceItsSubmissionIsRefused() throws IOException {
        assertEquals(0, execute("submit", study(), "--out", outDir().toString()));
        Files.writeString(dir.resolve("study.json"), StudySpecTest.exampleJson().replace("\"steps\": 3", "\"steps\": 4"));
        assertEquals(2, execute("submit", study(), "--out", outDir().toString()));
        assertTrue(err().contains("holds the submissions of study 'tiny-moe-vs-dense' (study hash"), err());
        assertTrue(err().contains("the study file changed"), err());
        assertEquals(2, slurm.sbatchCalls.size());
    }

    @Test
    void aStoredRowWithAnotherConfigurationIsRefused() throws IOException {
        StudySpec wider = StudySpec.parse(StudySpecTest.exampleJson().replace("\"d_ff\": 64", "\"d_ff\": 128"), "w.json");
        StudySummaryTest.syntheticRow(wider, "moe", 0, StudyRow.Status.COMPLETED, 0.3, 1000, List.of())
                .writeTo(StudyRunner.rowsDir(outDir()));
        assertEquals(2, execute("submit", study(), "--out", outDir().toString()));
        assertTrue(err().contains("the stored row moe seed 0 was trained with another configuration"), err());
    }

    @Test
    void badSlurmOptionsAreUsageErrors() throws IOException {
        String s = study();
        String o = outDir().toString();
        assertEquals(2, execute("submit", s, "--out", o, "--time", "1h"));
        assertTrue(err().contains("--time expects a Slurm time limit such as 01:30:00"), err());
        assertEquals(2, execute("submit", s, "--out", o, "--cpus-per-task", "0"));
        assertTrue(err().contains("--cpus-per-task expects at least 1, received 0"), err());
        assertEquals(2, execute("submit", s, "--out", o, "--max-parallel", "two"));
        assertTrue(err().contains("--max-parallel expects a whole number, received 'two'"), err());
        assertEquals(2, execute("submit", s, "--out", o, "--sbatch-arg", "--array=0-9"));
        assertTrue(err().contains("submit sets --array, --dependency and --output itself"), err());
        assertEquals(2, execute("submit", s, "--out", o, "--mem", "lots"));
        assertTrue(err().contains("--mem expects a size such as 4G"), err());
        assertEquals(2, execute("resubmit", s, "--out", o));
        assertTrue(err().contains("resubmit needs --failed"), err());
        assertEquals(2, execute("run", s, "--out", o, "--dry-run"));
        assertTrue(err().contains("apply to submit and resubmit only"), err());
        assertTrue(slurm.sbatchCalls.isEmpty());
        assertFalse(err().contains("\tat "), "no stack trace");
    }

    @Test
    void rowOutOfRangeIsAUsageErrorBeforeAnyTraining() throws IOException {
        assertEquals(2, execute("run", study(), "--out", outDir().toString(), "--row", "4"));
        assertTrue(err().contains("--row 4 is out of range: study tiny-moe-vs-dense has 4 rows, positions 0 to 3"), err());
        assertEquals(2, execute("run", study(), "--out", outDir().toString(), "--row", "-1"));
        assertEquals(2, execute("run", study(), "--out", outDir().toString(), "--row", "1", "--shard", "1/2"));
        assertTrue(err().contains("--row and --shard cannot be combined"), err());
        assertFalse(Files.exists(outDir()));
    }

    @Test
    void engineThreadsComeFromSlurmWhenNotGiven() {
        assertEquals(3, AblationCommand.threads(0, Map.of("SLURM_CPUS_PER_TASK", "3")));
        assertEquals(2, AblationCommand.threads(2, Map.of("SLURM_CPUS_PER_TASK", "3")));
        assertEquals(0, AblationCommand.threads(0, Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AblationCommand.threads(0, Map.of("SLURM_CPUS_PER_TASK", "x")));
        assertTrue(e.getMessage().contains("pass --threads k"), e.getMessage());
    }

    @Test
    void resubmitFailedSendsOnlyTheRowsThatFailedOrVanished() throws IOException {
        assertEquals(0, execute("submit", study(), "--out", outDir().toString()));
        storeRow("dense", 0);
        slurm.squeue = "100_2|RUNNING|0:07|None\n";
        slurm.showJob = "JobId=102 ArrayJobId=100 ArrayTaskId=0 JobState=CANCELLED Reason=None ExitCode=143:0\n"
                + "JobId=103 ArrayJobId=100 ArrayTaskId=1 JobState=COMPLETED Reason=None ExitCode=0:0\n";
        // row 0 cancelled, row 1 stored, row 2 running, row 3 left no trace (vanished)
        assertEquals(0, execute("resubmit", study(), "--out", outDir().toString(), "--failed"));
        assertTrue(slurm.sbatchCalls.get(2).contains("--array=0,3"), slurm.sbatchCalls.get(2).toString());
        JobsFile jobs = JobsFile.readIfPresent(outDir());
        assertEquals(2, jobs.submissions().size());
        assertEquals("slurm/rows-2.sh", jobs.submissions().get(1).script());
        assertEquals("102_0", jobs.latestByRow().get("moe__seed-0").getKey().taskId(0));
    }

    @Test
    void cancelCancelsOnlyTheStudysQueuedJobs() throws IOException {
        assertEquals(0, execute("submit", study(), "--out", outDir().toString()));
        slurm.squeue = "100_2|RUNNING|0:07|None\n100_3|PENDING|0:00|Resources\n101|PENDING|0:00|Dependency\n"
                + "77_0|RUNNING|1:00|None\n";
        assertEquals(0, execute("cancel", study(), "--out", outDir().toString()));
        assertEquals(List.of(List.of("100_2", "100_3", "101")), slurm.scancelCalls);
        assertTrue(out().contains("cancelled 100_2 100_3 101"), out());
    }
}
