package org.sparsemixerlab.ablation;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * Submits a study's rows to Slurm as one job array (array index = row position, throttled by
 * {@code %K}) plus a summary job that runs after it ({@code afterany}) and writes the table. Nothing
 * is submitted when the output folder belongs to another study; when the summary job is refused the
 * array is cancelled again, so a submission is whole or absent. Every submission is appended to
 * {@code DIR/jobs.json} atomically.
 */
public final class SlurmSubmitter {
    /** The kernel's renderer of the HTML and PNG summary; used by the summary job when on the class path. */
    static final String REPORT_CLASS = "org.sparsemixerlab.render.StudyReportFiles";

    private final StudySpec spec;
    private final Path studyFile;
    private final Path outDir;
    private final SlurmOptions options;
    private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private String classpath = absoluteClasspath(System.getProperty("java.class.path"));
    private String reportClass = onClasspath(REPORT_CLASS) ? REPORT_CLASS : null;
    private Path datasets;

    /**
     * A plan of what one submission sends.
     *
     * @param rows the row positions submitted (the array indices)
     * @param script the batch scripts
     * @param rowScript where the row script goes
     * @param summaryScript where the summary script goes
     * @param arrayArgs the array's sbatch arguments (after {@code sbatch --parsable})
     * @param options the Slurm options the summary job shares (partition, account, time, extra args)
     * @param jobName the array's job name, {@code sml-<study>}; the summary job adds {@code -summary}
     */
    public record Plan(List<Integer> rows, BatchScript script, Path rowScript, Path summaryScript,
            List<String> arrayArgs, SlurmOptions options, String jobName) {

        /** The summary job's sbatch arguments once the array has its id. */
        public List<String> summaryArgs(String arrayJobId) {
            List<String> a = new ArrayList<>(List.of("--job-name=" + jobName + "-summary",
                    "--dependency=afterany:" + arrayJobId, "--cpus-per-task=1",
                    "--output=" + BatchScript.slurmDir(script.outDir()).resolve("logs").resolve("summary-%j.out")));
            if (options.time() != null) {
                a.add("--time=" + options.time());
            }
            a.addAll(options.placementArgs());
            a.add(summaryScript.toString());
            return a;
        }

        /** The two sbatch command lines, as a user would type them. */
        public String commandLines() {
            return "sbatch --parsable " + String.join(" ", arrayArgs.stream().map(BatchScript::word).toList())
                    + System.lineSeparator() + "sbatch --parsable " + String.join(" ",
                    summaryArgs("<array job id>").stream().map(BatchScript::word).toList());
        }
    }

    public SlurmSubmitter(StudySpec spec, Path studyFile, Path outDir, SlurmOptions options) {
        this.spec = spec;
        this.studyFile = studyFile.toAbsolutePath().normalize();
        this.outDir = outDir.toAbsolutePath().normalize();
        this.options = options;
    }

    /** Uses {@code javaCommand} and {@code classPath} in the scripts instead of this JVM's (tests). */
    SlurmSubmitter launcher(String javaCommand, String classPath, String report, Path datasetsFolder) {
        this.java = javaCommand;
        this.classpath = classPath;
        this.reportClass = report;
        this.datasets = datasetsFolder;
        return this;
    }

    /** The datasets folder the jobs use: the one this process finds (refuses to plan without one). */
    private Path datasets() {
        if (datasets == null) {
            try {
                datasets = org.sparsemixerlab.data.DatasetsDirectory.locate().root().toAbsolutePath().normalize();
            } catch (org.sparsemixerlab.data.DatasetIntegrityException e) {
                throw new IllegalArgumentException("the jobs need the project's datasets folder and this process "
                        + "finds none: " + e.getMessage(), e);
            }
        }
        return datasets;
    }

    /**
     * Refuses an output folder that holds another study's work: a {@code jobs.json} of another study
     * hash, row files of another study, or rows whose configuration this study would not train.
     *
     * @throws IllegalArgumentException saying what was found and what to do
     */
    public void checkOutputFolder() {
        String hash = StudyHash.of(spec);
        JobsFile jobs = JobsFile.readIfPresent(outDir);
        if (jobs != null && (!jobs.study().equals(spec.name()) || !jobs.studyHash().equals(hash))) {
            throw new IllegalArgumentException(outDir + " holds the submissions of study '" + jobs.study()
                    + "' (study hash " + jobs.studyHash().substring(0, 12) + "), not of this study '" + spec.name()
                    + "' (hash " + hash.substring(0, 12) + "); the study file changed or the folder is another "
                    + "study's. Use another --out, or move that folder's jobs.json, rows/ and runs/ aside");
        }
        StudyResults results = StudyResults.load(spec, outDir);
        if (!results.ignored().isEmpty()) {
            throw new IllegalArgumentException(outDir + " holds row files that are not rows of study '" + spec.name()
                    + "': " + results.ignored().stream().map(p -> p.getFileName().toString()).toList()
                    + "; use another --out for this study");
        }
        for (StudyRow row : results.rows().values()) {
            if (!row.config().equals(spec.config(row.variant(), row.seed()))) {
                throw new IllegalArgumentException(outDir + ": the stored row " + row.key() + " was trained with "
                        + "another configuration than this study file gives it; the study changed since. Use "
                        + "another --out, or remove that row to train it again");
            }
        }
    }

    /** Positions of the rows with no row file that are not queued or running in Slurm already. */
    public List<Integer> rowsToSubmit(SlurmClient slurm) {
        if (JobsFile.readIfPresent(outDir) == null) {
            StudyResults results = StudyResults.load(spec, outDir);
            List<Integer> out = new ArrayList<>();
            for (int k = 0; k < spec.rows().size(); k++) {
                if (!results.rows().containsKey(spec.rows().get(k))) {
                    out.add(k);
                }
            }
            return out;
        }
        return ClusterStatus.of(spec, outDir, slurm).rows().stream()
                .filter(r -> r.state() == RowState.State.FAILED || r.state() == RowState.State.NOT_SUBMITTED)
                .map(RowState::index).toList();
    }

    /** Positions of the rows that were submitted and failed or vanished. */
    public List<Integer> failedRows(SlurmClient slurm) {
        return ClusterStatus.of(spec, outDir, slurm).in(RowState.State.FAILED).stream().map(RowState::index).toList();
    }

    /** What submitting {@code rows} would send; writes nothing. */
    public Plan plan(List<Integer> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no rows to submit");
        }
        JobsFile jobs = JobsFile.readIfPresent(outDir);
        int n = jobs == null ? 1 : jobs.submissions().size() + 1;
        Path dir = BatchScript.slurmDir(outDir);
        BatchScript script = new BatchScript(spec, studyFile, outDir, java, classpath, StudyHash.of(spec), reportClass,
                datasets(), options.gpusPerTask() > 0 ? "gpu" : "cpu");
        String jobName = "sml-" + spec.name();
        String array = rows.stream().map(String::valueOf).collect(Collectors.joining(","))
                + (options.maxParallel() > 0 ? "%" + options.maxParallel() : "");
        Path rowScript = dir.resolve("rows-" + n + ".sh");
        List<String> args = new ArrayList<>(List.of("--job-name=" + jobName, "--array=" + array,
                "--output=" + dir.resolve("logs").resolve("%A_%a.out"), "--open-mode=append", "--requeue",
                "--signal=B:USR1@120"));
        args.addAll(options.sbatchArgs());
        args.add(rowScript.toString());
        return new Plan(List.copyOf(rows), script, rowScript, dir.resolve("summary-" + n + ".sh"), args, options,
                jobName);
    }

    /**
     * Writes the plan's scripts, submits the array and the summary job, and records both in {@code
     * jobs.json}. When the summary job is refused the array is cancelled and the error rethrown.
     */
    public JobsFile.Submission submit(Plan plan, SlurmClient slurm) {
        writeScript(plan.rowScript(), plan.script().rowScript());
        writeScript(plan.summaryScript(), plan.script().summaryScript());
        try {
            Files.createDirectories(BatchScript.slurmDir(outDir).resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + BatchScript.slurmDir(outDir) + ": " + e.getMessage(), e);
        }
        String arrayId = slurm.sbatch(plan.arrayArgs());
        String summaryId;
        try {
            summaryId = slurm.sbatch(plan.summaryArgs(arrayId));
        } catch (SlurmException e) {
            slurm.scancel(List.of(arrayId));
            throw new SlurmException(e.getMessage() + " (the row array " + arrayId
                    + " was cancelled again, so nothing of this submission runs)");
        }
        List<JobsFile.ArrayTask> tasks = plan.rows().stream()
                .map(k -> new JobsFile.ArrayTask(k, BatchScript.stem(spec.rows().get(k)))).toList();
        List<String> sbatch = new ArrayList<>(List.of("sbatch", "--parsable"));
        sbatch.addAll(plan.arrayArgs());
        List<String> summarySbatch = new ArrayList<>(List.of("sbatch", "--parsable"));
        summarySbatch.addAll(plan.summaryArgs(arrayId));
        JobsFile.Submission s = new JobsFile.Submission(arrayId, summaryId, tasks, sbatch, summarySbatch,
                outDir.relativize(plan.rowScript()).toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                StudyHash.of(spec));
        JobsFile jobs = JobsFile.readIfPresent(outDir);
        (jobs == null ? new JobsFile(spec.name(), s.studyHash(), List.of()) : jobs).with(s).write(outDir);
        return s;
    }

    /** Cancels the study's jobs that Slurm still queues or runs; returns the ids cancelled. */
    public List<String> cancel(SlurmClient slurm) {
        JobsFile jobs = JobsFile.readIfPresent(outDir);
        if (jobs == null) {
            return List.of();
        }
        Map<String, ClusterStatus.SlurmTask> queued = ClusterStatus.parseSqueue(slurm.squeue());
        Set<String> live = new LinkedHashSet<>();
        for (JobsFile.Submission s : jobs.submissions()) {
            for (JobsFile.ArrayTask t : s.tasks()) {
                if (queued.containsKey(s.taskId(t.index()))) {
                    live.add(s.taskId(t.index()));
                }
            }
            if (queued.containsKey(s.summaryJobId())) {
                live.add(s.summaryJobId());
            }
        }
        List<String> ids = List.copyOf(live);
        slurm.scancel(ids);
        return ids;
    }

    private static void writeScript(Path file, String text) {
        try {
            AtomicFiles.writeString(file, text);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX filesystem: sbatch runs the script with its #! line regardless
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch script " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code classpath} with absolute entries; when it is exactly the jars of one folder (the JVM
     * expands a {@code lib/*} wildcard), that folder's wildcard again.
     */
    static String absoluteClasspath(String classpath) {
        List<String> entries = Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("*") ? Path.of(s.substring(0, s.length() - 1)).toAbsolutePath().normalize()
                        + File.separator + "*" : Path.of(s).toAbsolutePath().normalize().toString())
                .toList();
        if (entries.size() > 1 && entries.stream().allMatch(e -> e.endsWith(".jar"))) {
            Path folder = Path.of(entries.get(0)).getParent();
            Set<String> jars = new java.util.HashSet<>(entries);
            if (entries.stream().allMatch(e -> Path.of(e).getParent().equals(folder))) {
                try (var listing = Files.list(folder)) {
                    Set<String> present = listing.map(Path::toString).filter(n -> n.endsWith(".jar"))
                            .collect(Collectors.toSet());
                    if (present.equals(jars)) {
                        return folder + File.separator + "*";
                    }
                } catch (IOException e) {
                    // keep the full list
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, SlurmSubmitter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
