package org.sparsemixerlab.ablation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.train.NativeHeap;

/**
 * The generated row script run by bash as Slurm would run an array task, with a stand-in for java
 * (records its arguments, waits for TERM when asked) and for scontrol (records its arguments).
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class BatchScriptTest {
    private final StudySpec spec = StudySpecTest.example();
    @TempDir
    Path dir;
    private Path out;
    private Path script;

    private static Path executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @BeforeEach
    void setUp() throws IOException {
        out = dir.resolve("out dir");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = executable(bin.resolve("fake-java"), """
                #!/bin/bash
                echo "$@" > "$FAKE_ARGS"
                echo "${MALLOC_MMAP_THRESHOLD_:-unset} ${MALLOC_TRIM_THRESHOLD_:-unset}" > "$FAKE_ARGS.heap"
                if [ "${FAKE_WAIT:-}" = 1 ]; then
                  sleep 60 & S=$!
                  trap 'kill $S; echo checkpointed; exit 143' TERM
                  touch "$FAKE_READY"
                  wait $S
                fi
                echo "training output"
                exit "${FAKE_EXIT:-0}"
                """);
        executable(bin.resolve("scontrol"), "#!/bin/bash\necho \"$@\" >> \"$FAKE_SCONTROL\"\n");
        BatchScript b = new BatchScript(spec, dir.resolve("study.json"), out, java.toString(), "/opt/lib/*", "abc", null,
                dir.resolve("data sets"), "cpu");
        script = executable(dir.resolve("rows.sh"), b.rowScript());
    }

    private Process start(Map<String, String> extra) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", dir.resolve("bin") + ":" + env.get("PATH"));
        env.put("SLURM_ARRAY_TASK_ID", "2");
        env.put("SLURM_ARRAY_JOB_ID", "55");
        env.put("SLURM_CPUS_PER_TASK", "1");
        env.put("FAKE_ARGS", dir.resolve("args").toString());
        env.put("FAKE_READY", dir.resolve("ready").toString());
        env.put("FAKE_SCONTROL", dir.resolve("scontrol.log").toString());
        extra.forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        return pb.start();
    }

    private static int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script ended");
        return p.exitValue();
    }

    private void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 600 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), file + " appeared");
    }

    private static void signal(Process p, String sig) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    private String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    @Test
    void aTaskRunsItsRowByPositionLogsAndRecordsItsExitCode() throws Exception {
        assertEquals(3, finish(start(Map.of("FAKE_EXIT", "3"))));
        assertEquals("-Dsml.datasets=" + dir.resolve("data sets") + " -cp /opt/lib/* " + AblationCommand.class.getName() + " run " + dir.resolve("study.json")
                + " --out " + out + " --row 2 --device cpu\n", read(dir.resolve("args")));
        String log = read(out.resolve("logs/moe__seed-1.log")); // position 2: seed 1, first variant
        assertTrue(log.startsWith("== ") && log.contains("task 55_2") && log.contains("training output"), log);
        assertEquals("3 55_2\n", read(out.resolve("slurm/exit/moe__seed-1")));
        assertFalse(Files.exists(dir.resolve("scontrol.log")));
    }

    @Test
    void theJobRunsWithTheKernelsHeapSettingsUnlessTheUserSetHerOwn() throws Exception {
        assertEquals(0, finish(startWithout(Map.of())));
        assertEquals(String.join(" ", NativeHeap.SETTINGS.values()) + "\n",
                read(dir.resolve("args.heap")));
        assertEquals(0, finish(startWithout(Map.of("MALLOC_TRIM_THRESHOLD_", "0"))));
        assertEquals("unset 0\n", read(dir.resolve("args.heap")), "a user's own setting is left alone");
    }

    /** {@link #start} with neither heap variable inherited from the test's JVM, then {@code extra}. */
    private Process startWithout(Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>(extra);
        for (String k : NativeHeap.SETTINGS.keySet()) {
            env.putIfAbsent(k, null);
        }
        return start(env);
    }

    @Test
    void terminationIsPassedOnAndNotRequeued() throws Exception {
        Process p = start(Map.of("FAKE_WAIT", "1"));
        waitFor(dir.resolve("ready"));
        signal(p, "TERM");
        assertEquals(143, finish(p));
        assertTrue(read(out.resolve("logs/moe__seed-1.log")).contains("checkpointed"));
        assertEquals("143 55_2\n", read(out.resolve("slurm/exit/moe__seed-1")));
        assertFalse(Files.exists(dir.resolve("scontrol.log")), "a cancel is not undone by a requeue");
    }

    @Test
    void theTimeLimitWarningCheckpointsAndRequeuesTheTask() throws Exception {
        Process p = start(Map.of("FAKE_WAIT", "1"));
        waitFor(dir.resolve("ready"));
        signal(p, "USR1");
        assertEquals(0, finish(p));
        String log = read(out.resolve("logs/moe__seed-1.log"));
        assertTrue(log.contains("checkpointed") && log.contains("time limit near"), log);
        assertEquals("requeue 55_2\n", read(dir.resolve("scontrol.log")));
        assertFalse(Files.exists(out.resolve("slurm/exit/moe__seed-1")), "a requeued task leaves no exit record");
    }

    @Test
    void theSummaryScriptWritesTheTableAndRunsTheReportWhenThere() {
        String text = new BatchScript(spec, Path.of("/s/study.json"), Path.of("/o"), "java", "/opt/lib/*", "abc",
                "org.example.Report", null, "cpu").summaryScript();
        assertTrue(text.startsWith("#!/bin/bash\n"), text);
        assertTrue(text.contains("table \"$STUDY\" --out \"$OUT\" --write"), text);
        assertTrue(text.contains("org.example.Report \"$STUDY\" \"$OUT\""), text);
        assertFalse(new BatchScript(spec, Path.of("/s/study.json"), Path.of("/o"), "java", "x", "abc", null, null, "cpu")
                .summaryScript().contains("Report"));
    }

    @Test
    void pathsWithQuotesStayOneShellWord() {
        assertEquals("'it'\\''s here'", BatchScript.quote("it's here"));
        assertEquals("--time=01:00:00", BatchScript.word("--time=01:00:00"));
        assertEquals("'a b'", BatchScript.word("a b"));
    }
}
