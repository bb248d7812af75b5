package org.sparsemixerlab.ablation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Slurm half of {@link AblationCommand}: {@code submit}, {@code resubmit --failed}, {@code
 * cancel} and the cluster part of {@code status}. Errors are {@link IllegalArgumentException} (a
 * mistake in the command or the folder; exit 2) or {@link SlurmException} (Slurm missing or
 * refusing; exit 1), always before anything is submitted.
 */
final class ClusterCommands {
    private final PrintStream out;
    private final Supplier<SlurmClient> slurm;

    ClusterCommands(PrintStream out, Supplier<SlurmClient> slurm) {
        this.out = out;
        this.slurm = slurm;
    }

    /** {@code submit} (all rows without a file and not queued) or {@code resubmit --failed}. */
    int submit(StudySpec spec, Path studyFile, Path outDir, SlurmOptions options, boolean dryRun, boolean failedOnly) {
        SlurmSubmitter submitter = new SlurmSubmitter(spec, studyFile, outDir, options);
        submitter.checkOutputFolder();
        boolean submittedBefore = JobsFile.readIfPresent(outDir) != null;
        SlurmClient client = dryRun && !submittedBefore ? null : slurm.get();
        List<Integer> rows = failedOnly ? submitter.failedRows(client) : submitter.rowsToSubmit(client);
        int total = spec.rows().size();
        if (rows.isEmpty()) {
            out.printf("study %s: nothing to submit; %s%n", spec.name(), failedOnly
                    ? "no submitted row failed or vanished"
                    : "every one of its " + total + " rows is stored or queued already");
            return 0;
        }
        SlurmSubmitter.Plan plan = submitter.plan(rows);
        if (dryRun) {
            out.printf("study %s: would submit %d of %d rows (array indices %s); nothing submitted (--dry-run)%n",
                    spec.name(), rows.size(), total, rows);
            out.println("--- " + plan.rowScript());
            out.print(plan.script().rowScript());
            out.println("--- " + plan.summaryScript());
            out.print(plan.script().summaryScript());
            out.println("--- sbatch command lines");
            out.println(plan.commandLines());
            return 0;
        }
        if (client == null) {
            client = slurm.get();
        }
        JobsFile.Submission s = submitter.submit(plan, client);
        out.printf("study %s: submitted %d of %d rows as job array %s (array indices %s%s), summary job %s after it%n",
                spec.name(), rows.size(), total, s.arrayJobId(), rows,
                options.maxParallel() > 0 ? ", at most " + options.maxParallel() + " at once" : "", s.summaryJobId());
        out.println("  logs:    " + outDir.resolve("logs") + "/<variant>__seed-<s>.log");
        out.println("  jobs:    " + JobsFile.path(outDir));
        out.println("  follow:  status " + studyFile + " --out " + outDir);
        return 0;
    }

    /** {@code status} of a submitted study: the joined table; exit 0 when every row is done. */
    int status(StudySpec spec, Path outDir) {
        ClusterStatus st = ClusterStatus.of(spec, outDir, slurm.get());
        out.print(st.toText());
        return st.complete() ? 0 : 1;
    }

    /** {@code cancel}: cancels the study's queued and running jobs. */
    int cancel(StudySpec spec, Path studyFile, Path outDir) {
        if (JobsFile.readIfPresent(outDir) == null) {
            out.printf("study %s: nothing to cancel; %s has no %s (nothing was submitted into it)%n", spec.name(),
                    outDir, JobsFile.NAME);
            return 0;
        }
        List<String> ids = new SlurmSubmitter(spec, studyFile, outDir, SlurmOptions.DEFAULT)
                .cancel(slurm.get());
        out.printf("study %s: %s%n", spec.name(), ids.isEmpty() ? "no job of it is queued or running"
                : "cancelled " + String.join(" ", ids) + "; rows stored so far are kept, resubmit --failed runs the rest");
        return 0;
    }
}
