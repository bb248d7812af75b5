package org.sparsemixerlab.ablation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A submitted study's rows as they stand: the row files (done), Slurm's queue (running, pending),
 * Slurm's records of ended tasks and the exit records the row script writes (failed), and the
 * submissions in {@code jobs.json} (not submitted). Slurm forgets ended jobs after {@code MinJobAge}
 * and accounting may be off, so the files decide for ended tasks: a submitted row with no row file,
 * not queued and with no record left is failed ("vanished"). Immutable.
 *
 * @param spec the study
 * @param rows one state per row, in the study's row order
 */
public record ClusterStatus(StudySpec spec, List<RowState> rows) {
    private static final Set<String> PENDING = Set.of("PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED",
            "RESV_DEL_HOLD", "SPECIAL_EXIT", "RESIZING");
    private static final Set<String> RUNNING = Set.of("RUNNING", "COMPLETING", "CONFIGURING", "SUSPENDED", "STOPPED",
            "SIGNALING", "STAGE_OUT");
    private static final int LOG_LINES = 3;
    /** Key suffix of an array's record for tasks that never started (scontrol shows no record of their own). */
    private static final String REMAINDER = "rest";

    public ClusterStatus {
        rows = List.copyOf(rows);
    }

    /** One task as squeue or scontrol shows it. */
    record SlurmTask(String state, String elapsed, String reason, String exitCode) {}

    /** Joins the stored rows of {@code outDir} with what {@code slurm} knows of its submissions. */
    public static ClusterStatus of(StudySpec spec, Path outDir, SlurmClient slurm) {
        JobsFile jobs = JobsFile.readIfPresent(outDir);
        StudyResults results = StudyResults.load(spec, outDir);
        if (jobs == null || jobs.submissions().isEmpty()) {
            return join(spec, outDir, results, null, Map.of(), Map.of());
        }
        Map<String, SlurmTask> queued = parseSqueue(slurm.squeue());
        Map<String, SlurmTask> ended = new HashMap<>();
        for (JobsFile.Submission s : jobs.submissions()) {
            boolean allDoneOrQueued = s.tasks().stream().allMatch(t -> queued.containsKey(s.taskId(t.index()))
                    || results.rows().containsKey(spec.rows().get(t.index())));
            if (!allDoneOrQueued) {
                ended.putAll(parseShowJob(slurm.showJob(s.arrayJobId())));
            }
        }
        return join(spec, outDir, results, jobs, queued, ended);
    }

    /** The join itself, on outputs already read; {@code jobs} null when nothing was submitted. */
    static ClusterStatus join(StudySpec spec, Path outDir, StudyResults results, JobsFile jobs,
            Map<String, SlurmTask> queued, Map<String, SlurmTask> ended) {
        Map<String, Map.Entry<JobsFile.Submission, Integer>> latest = jobs == null ? Map.of() : jobs.latestByRow();
        List<RowState> out = new ArrayList<>();
        List<RowKey> all = spec.rows();
        for (int k = 0; k < all.size(); k++) {
            RowKey key = all.get(k);
            String stem = BatchScript.stem(key);
            Map.Entry<JobsFile.Submission, Integer> sub = latest.get(stem);
            String taskId = sub == null ? "" : sub.getKey().taskId(sub.getValue());
            Progress p = Progress.of(outDir.resolve(key.runFolder()).resolve("metrics.jsonl"));
            StudyRow row = results.rows().get(key);
            if (row != null) {
                out.add(new RowState(key, k, RowState.State.DONE, taskId, p.step, "",
                        row.status().name().toLowerCase(Locale.ROOT), p.latest, List.of()));
                continue;
            }
            if (sub == null) {
                out.add(new RowState(key, k, RowState.State.NOT_SUBMITTED, "", p.step, "", "", p.latest, List.of()));
                continue;
            }
            SlurmTask live = queued.get(taskId);
            if (live != null && PENDING.contains(live.state())) {
                String reason = live.reason().isEmpty() || live.reason().equals("None") ? "" : live.reason();
                String detail = live.state().equals("PENDING") ? reason
                        : live.state().toLowerCase(Locale.ROOT) + (reason.isEmpty() ? "" : ", " + reason);
                out.add(new RowState(key, k, RowState.State.PENDING, taskId, p.step, "", detail, p.latest, List.of()));
                continue;
            }
            if (live != null && RUNNING.contains(live.state())) {
                String detail = live.state().equals("RUNNING") ? "" : live.state().toLowerCase(Locale.ROOT);
                out.add(new RowState(key, k, RowState.State.RUNNING, taskId, p.step, live.elapsed(), detail,
                        p.latest, List.of()));
                continue;
            }
            SlurmTask record = live != null ? live : ended.get(taskId);
            if (record == null) { // a task that never started: Slurm keeps only the array's remainder record
                record = ended.get(sub.getKey().arrayJobId() + "_" + REMAINDER);
                record = record == null ? null : new SlurmTask(record.state(), "", record.reason(), "");
            }
            out.add(new RowState(key, k, RowState.State.FAILED, taskId, p.step, "",
                    failure(record, exitRecord(BatchScript.exitFile(outDir, key), taskId)), p.latest,
                    logTail(BatchScript.logFile(outDir, key))));
        }
        return new ClusterStatus(spec, out);
    }

    private static String failure(SlurmTask record, String exitCode) {
        if (record != null) {
            String code = record.exitCode().isEmpty() ? exitCode : record.exitCode();
            String what = record.state().equals("COMPLETED") ? "completed without a row file"
                    : record.state().toLowerCase(Locale.ROOT);
            return what + (code == null || code.isEmpty() ? "" : ", exit " + code);
        }
        if (exitCode != null) {
            return "ended with exit " + exitCode + " without a row file";
        }
        return "vanished: not queued, no Slurm record and no exit record left";
    }

    /** The exit code the row script recorded for {@code taskId}, or null. */
    private static String exitRecord(Path file, String taskId) {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
            return parts.length == 2 && parts[1].equals(taskId) ? parts[0] : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> logTail(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return List.of();
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(log unreadable: " + e.getMessage() + ")");
        }
    }

    /** Progress read from a row's run folder. */
    private record Progress(long step, Map<String, Double> latest) {
        static Progress of(Path metrics) {
            if (!Files.isRegularFile(metrics)) {
                return new Progress(0, Map.of());
            }
            RunMetricsFile f = RunMetricsFile.read(metrics);
            return new Progress(f.lastStep(), f.lastEvaluation());
        }
    }

    /** Parses {@code squeue -h -r -o '%i|%T|%M|%r'}: task id to state. */
    static Map<String, SlurmTask> parseSqueue(String text) {
        Map<String, SlurmTask> out = new HashMap<>();
        for (String line : text.split("\\R")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length >= 4 && !f[0].isEmpty()) {
                out.put(f[0], new SlurmTask(f[1], f[2], f[3], ""));
            }
        }
        return out;
    }

    /**
     * Parses {@code scontrol -o show job ID} (one line per record, {@code key=value} words): task id
     * ({@code ArrayJobId_ArrayTaskId}) to state and exit code. Records of array parts not yet split
     * ({@code ArrayTaskId=2-5}, or Slurm's no-value 4294967294 once the array ended) are kept, when
     * they ended, as the array's remainder: the state of its tasks that never started.
     */
    static Map<String, SlurmTask> parseShowJob(String text) {
        Map<String, SlurmTask> out = new HashMap<>();
        for (String line : text.split("\\R")) {
            Map<String, String> kv = new HashMap<>();
            for (String word : line.strip().split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    kv.putIfAbsent(word.substring(0, eq), word.substring(eq + 1));
                }
            }
            String array = kv.get("ArrayJobId");
            String task = kv.get("ArrayTaskId");
            if (array == null || task == null) {
                continue;
            }
            if (!task.matches("\\d{1,9}")) { // unsplit tasks: a range (pending, squeue lists them) or no value
                if (!PENDING.contains(kv.getOrDefault("JobState", ""))) {
                    out.put(array + "_" + REMAINDER, new SlurmTask(kv.getOrDefault("JobState", "UNKNOWN"), "",
                            kv.getOrDefault("Reason", ""), ""));
                }
                continue;
            }
            String exit = kv.getOrDefault("ExitCode", "");
            exit = exit.endsWith(":0") ? exit.substring(0, exit.length() - 2) : exit;
            out.put(array + "_" + task, new SlurmTask(kv.getOrDefault("JobState", "UNKNOWN"),
                    kv.getOrDefault("RunTime", ""), kv.getOrDefault("Reason", ""), exit));
        }
        return out;
    }

    /** The rows in {@code state}. */
    public List<RowState> in(RowState.State state) {
        return rows.stream().filter(r -> r.state() == state).toList();
    }

    /** Whether every row is done. */
    public boolean complete() {
        return rows.stream().allMatch(r -> r.state() == RowState.State.DONE);
    }

    /** Whether no row is running or pending. */
    public boolean settled() {
        return rows.stream().noneMatch(r -> r.state() == RowState.State.RUNNING || r.state() == RowState.State.PENDING);
    }

    /** "4 rows: 2 done, 1 running, 1 pending, 0 failed, 0 not submitted". */
    public String totalLine() {
        Map<RowState.State, Integer> n = new EnumMap<>(RowState.State.class);
        rows.forEach(r -> n.merge(r.state(), 1, Integer::sum));
        StringBuilder b = new StringBuilder().append(rows.size()).append(" rows:");
        String sep = " ";
        for (RowState.State s : RowState.State.values()) {
            b.append(sep).append(n.getOrDefault(s, 0)).append(' ').append(s.label());
            sep = ", ";
        }
        return b.toString();
    }

    /** A fixed-width text table: row, state, task, step, elapsed, detail; failed rows add their log's last lines. */
    public String toText() {
        long steps = spec.budget().steps();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "study %s%n", spec.name()));
        b.append(String.format(Locale.ROOT, "  %-26s %-13s %-10s %-11s %-9s %s%n", "row", "state", "task", "step",
                "elapsed", "detail"));
        for (RowState r : rows) {
            String step = r.state() == RowState.State.NOT_SUBMITTED && r.step() == 0 ? "" : r.step() + "/" + steps;
            b.append(String.format(Locale.ROOT, "  %-26s %-13s %-10s %-11s %-9s %s%n", r.key(), r.state().label(),
                    r.taskId(), step, r.elapsed(), r.detail()).stripTrailing()).append(System.lineSeparator());
            for (String l : r.logTail()) {
                b.append("      | ").append(l).append(System.lineSeparator());
            }
        }
        b.append(totalLine()).append(System.lineSeparator());
        return b.toString();
    }
}
