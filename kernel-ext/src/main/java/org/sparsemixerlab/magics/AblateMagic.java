package org.sparsemixerlab.magics;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.ablation.Shard;
import org.sparsemixerlab.ablation.StudyMetrics;
import org.sparsemixerlab.ablation.StudyResults;
import org.sparsemixerlab.ablation.StudyRunner;
import org.sparsemixerlab.ablation.StudySpec;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.kernel.Notebook;
import org.sparsemixerlab.render.AblationReport;
import org.sparsemixerlab.render.AblationTables;

/**
 * {@code %ablate run|load|status STUDY.json [--out DIR] [--shard i/n] [--metric NAME]}: ablation
 * studies in the notebook.
 *
 * <ul>
 *   <li>{@code run} trains the study's rows that have no row file yet (so it also resumes), in this
 *       JVM on the {@code %device}, with a live display ({@link AblationProgress}); interrupting the
 *       cell stops the runner, keeps the finished rows and prints how to resume. Returns the
 *       {@link StudySummary}.
 *   <li>{@code load} reads the stored rows without training and returns the summary; it says which
 *       rows are missing.
 *   <li>run and load display the summary (table and charts, see {@code AblationReport}) and return it.
 *   <li>{@code status} lists done, missing and foreign row files; returns nothing.
 * </ul>
 *
 * The output folder defaults to {@code results/<study name>/} next to the study file. Relative
 * paths resolve against the kernel's working directory, which is the notebook's folder. {@code
 * --metric} picks the quality metric listed first and charted (default {@code mlm_accuracy}); it
 * stays the chart metric of later summaries in this notebook until changed.
 */
public final class AblateMagic {

    static final MagicSpec SPEC = MagicSpec.line("ablate", "run|load|status|submit|watch STUDY.json",
            "Run (resumable, live progress), load, list, submit to Slurm or watch an ablation study; table and charts",
            MagicOption.text("out", "DIR", "results folder (default: results/<study name>/ next to the study file)"),
            MagicOption.text("shard", "i/n", "run only shard i of n (run only)"),
            MagicOption.text("metric", "NAME", "quality metric listed first and charted (default mlm_accuracy)"))
            .details("submit (Slurm): [--partition P] [--time HH:MM:SS] [--cpus-per-task N] [--gpus-per-task N]"
                    + " [--mem SIZE] [--account A] [--max-parallel K] [--sbatch-arg ARG]... [--dry-run]\n"
                    + "watch: [--every SECONDS] [--metric NAME]; a Jupyter interrupt stops watching, never the jobs.\n"
                    + "See the README's 'Run a study on a Slurm cluster'.")
            .returns(StudySummary.class);
    private static final String MAGIC = "%ablate";

    private AblateMagic() {
    }

    public static Object line(BaseKernel kernel, List<String> args) {
        if (!args.isEmpty() && args.get(0).equals("submit")) {
            return AblateSubmit.line(args); // on Slurm: AblateSubmit, AblateWatch
        }
        if (!args.isEmpty() && args.get(0).equals("watch")) {
            return AblateWatch.line(args);
        }
        MagicArgs a = SPEC.parse(args);
        if (a.words().size() != 2) {
            throw new MagicUsageException(MAGIC + " expects a command (run, load or status) and a study file, got "
                    + (a.words().isEmpty() ? "nothing" : a.words()));
        }
        String command = a.words().get(0);
        if (!List.of("run", "load", "status").contains(command)) {
            throw new MagicUsageException(MAGIC + ": unknown command '" + command
                    + "'; expected run, load, status, submit or watch");
        }
        if (a.options().containsKey("shard") && !command.equals("run")) {
            throw new MagicUsageException(MAGIC + ": --shard applies to run only");
        }
        String metric = a.options().get("metric");
        if (metric != null && !StudyMetrics.isQuality(metric)) {
            throw new MagicUsageException(MAGIC + ": --metric expects a quality metric (e.g. mlm_accuracy, "
                    + "nsp_accuracy, mlm_loss, finetune.TASK.accuracy), got '" + metric + "'");
        }
        Path studyFile = Path.of(a.words().get(1)).toAbsolutePath().normalize();
        StudySpec spec = loadSpec(studyFile);
        Path out = a.options().containsKey("out") ? Path.of(a.options().get("out")).toAbsolutePath().normalize()
                : defaultOut(studyFile, spec);
        if (command.equals("status")) {
            status(spec, out);
            return null;
        }
        return command.equals("run") ? run(spec, out, shard(a.options().get("shard")), metric, a.words().get(1))
                : load(spec, out, metric);
    }

    /**
     * Displays the summary (table and charts) in the notebook, or prints its text without one. The
     * kernel drops the value of a bare line magic (its generated call ends with ';'), so the magic
     * shows the summary itself and returns it for {@code StudySummary s = %ablate load ...}.
     */
    static void show(StudySummary s) {
        if (AblationProgress.inNotebook()) {
            Notebook.display(s);
        } else {
            System.out.print(AblationReport.of(s).text());
        }
    }

    /** {@code results/<study name>/} in the study file's folder. */
    public static Path defaultOut(Path studyFile, StudySpec spec) {
        Path folder = studyFile.toAbsolutePath().getParent();
        return folder.resolve("results").resolve(spec.name());
    }

    /**
     * Runs (or resumes) {@code spec} into {@code out} with the live display, then shows and returns
     * the summary of every row stored there. When interrupted it prints how to resume, shows the
     * summary of the rows stored so far and returns with the thread's interrupt flag still set.
     */
    public static StudySummary run(StudySpec spec, Path out, Shard shard, String metric, String studyArgument) {
        int owned = spec.rows(shard).size();
        System.out.printf("study %s: %d rows (shard %s) into %s on %s%n", spec.name(), owned, shard, shown(out),
                LabSession.device().device());
        AblationProgress progress = new AblationProgress(spec.name(), spec.budget().steps());
        StudyRunner.Result r = new StudyRunner(spec, out).shard(shard).device(LabSession.device().device())
                .addListener(progress).run();
        if (r.outcome() == StudyRunner.Outcome.INTERRUPTED) {
            String message = String.format("interrupted: %d rows finished in this run, %d remaining; finished rows are"
                    + " kept in %s. To resume, run the same line again: %%ablate run %s%s%s", r.finished().size(),
                    r.remaining().size(), shown(StudyRunner.rowsDir(out)), studyArgument, " --out " + shown(out),
                    shard.equals(Shard.ALL) ? "" : " --shard " + shard);
            progress.done(message);
            System.out.println(message);
            // The runner leaves the interrupt flag set; reading the row files with it set would fail
            // (interruptible channels), so clear it while the summary is read and shown, then restore it.
            boolean interrupted = Thread.interrupted();
            try {
                StudySummary s = summarize(spec, out, metric);
                show(s);
                return s;
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        progress.done(String.format("completed: %d rows finished, %d already stored.", r.finished().size(),
                r.skipped().size()));
        StudySummary s = summarize(spec, out, metric);
        show(s);
        return s;
    }

    /** Shows and returns the summary of the rows stored in {@code out}, saying which are missing. */
    public static StudySummary load(StudySpec spec, Path out, String metric) {
        StudySummary s = summarize(spec, out, metric);
        int total = spec.rows().size();
        if (s.missing().isEmpty()) {
            System.out.printf("study %s: all %d rows stored in %s%n", spec.name(), total, shown(out));
        } else if (s.missing().size() == total) {
            System.out.printf("study %s: no rows stored in %s yet; train them with %%ablate run%n", spec.name(), shown(out));
        } else {
            System.out.printf("study %s: %d of %d rows stored in %s; missing: %s%n", spec.name(),
                    total - s.missing().size(), total, shown(out), s.missing());
        }
        show(s);
        return s;
    }

    /** Prints the done, missing and ignored row files of {@code out}. */
    public static void status(StudySpec spec, Path out) {
        if (AblateWatch.status(spec, out)) {
            return;
        }
        StudyResults results = results(spec, out);
        System.out.printf("study %s: %d of %d rows done in %s%n", spec.name(), results.rows().size(),
                spec.rows().size(), shown(out));
        results.rows().values().forEach(row -> System.out.printf("  done    %s (%s)%n", row.key(),
                row.status().name().toLowerCase(java.util.Locale.ROOT)));
        results.missing().forEach(k -> System.out.printf("  missing %s%n", k));
        results.ignored().forEach(p -> System.out.printf("  ignored %s (not a row of this study)%n", shown(p)));
    }

    private static StudySummary summarize(StudySpec spec, Path out, String metric) {
        StudySummary s = StudySummary.of(results(spec, out));
        if (metric != null) {
            if (!s.metricNames().isEmpty() && !s.metricNames().contains(metric)) {
                System.out.println("note: no row reports " + metric + "; the table and charts use "
                        + AblationTables.qualityMetrics(s, null));
            }
            AblationReport.chartMetric(metric);
        }
        return s;
    }

    private static StudyResults results(StudySpec spec, Path out) {
        try {
            return StudyResults.load(spec, out);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new MagicUsageException(MAGIC + ": cannot read the stored rows: " + e.getMessage());
        }
    }

    static StudySpec loadSpec(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MagicUsageException(MAGIC + ": no study file at " + file + " (relative paths resolve against "
                    + Path.of("").toAbsolutePath() + ")");
        }
        try {
            return StudySpec.load(file);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
    }

    private static Shard shard(String text) {
        if (text == null) {
            return Shard.ALL;
        }
        try {
            return Shard.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(MAGIC + ": " + e.getMessage());
        }
    }

    /**
     * {@code path} relative to the working directory (the notebook's folder), so that notebook
     * outputs never carry this machine's absolute paths.
     */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path abs = path.toAbsolutePath().normalize();
        return abs.getRoot() != null && abs.getRoot().equals(here.getRoot()) ? here.relativize(abs).toString() : abs.toString();
    }
}
