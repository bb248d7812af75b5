package org.sparsemixerlab.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sparsemixerlab.ablation.JobsFile;
import org.sparsemixerlab.ablation.SlurmClient;
import org.sparsemixerlab.ablation.SlurmCommands;
import org.sparsemixerlab.ablation.SlurmException;
import org.sparsemixerlab.ablation.SlurmOptions;
import org.sparsemixerlab.ablation.SlurmSubmitter;
import org.sparsemixerlab.ablation.StudySpec;

/**
 * {@code %ablate submit STUDY.json [--out DIR] [--partition P] [--time T] [--cpus-per-task N]
 * [--gpus-per-task N] [--mem SIZE] [--account A] [--max-parallel K] [--sbatch-arg ARG]...
 * [--dry-run]}: submits the study's rows without a row file (and not queued already, so failed
 * rows go again) to Slurm as {@code AblationCommand submit} does, and prints what was submitted:
 * rows, job ids, where the logs are, how to follow it.
 */
final class AblateSubmit {
    static final String MAGIC = "%ablate";
    private static final Set<String> VALUED = Set.of("out", "partition", "time", "cpus-per-task", "gpus-per-task",
            "mem", "account", "max-parallel", "sbatch-arg", "every", "metric");

    private AblateSubmit() {}

    /** Parsed words and options of a cluster subcommand; {@code --sbatch-arg} may repeat. */
    record Parsed(List<String> words, java.util.Map<String, String> options, List<String> sbatchArgs, boolean dryRun) {

        static Parsed of(List<String> args, Set<String> allowed) {
            List<String> words = new ArrayList<>();
            java.util.Map<String, String> options = new java.util.LinkedHashMap<>();
            List<String> sbatch = new ArrayList<>();
            boolean dry = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (!a.startsWith("--")) {
                    if (!a.isEmpty()) {
                        words.add(a);
                    }
                    continue;
                }
                String name = a.substring(2);
                if (name.equals("dry-run") && allowed.contains(name)) {
                    dry = true;
                    continue;
                }
                if (!allowed.contains(name) || !VALUED.contains(name)) {
                    throw new MagicUsageException(MAGIC + " " + (words.isEmpty() ? "" : words.get(0) + ": ")
                            + "unknown option " + a + "; options: --" + String.join(", --", allowed));
                }
                if (i + 1 >= args.size()) {
                    throw new MagicUsageException(MAGIC + ": option " + a + " needs a value");
                }
                String value = args.get(++i);
                if (name.equals("sbatch-arg")) {
                    sbatch.add(value);
                } else {
                    options.put(name, value);
                }
            }
            return new Parsed(words, options, sbatch, dry);
        }

        int whole(String name, int fallback) {
            String v = options.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new MagicUsageException(MAGIC + ": --" + name + " expects a whole number, got '" + v + "'");
            }
        }
    }

    static final Set<String> SUBMIT_OPTIONS = Set.of("out", "partition", "time", "cpus-per-task", "gpus-per-task",
            "mem", "account", "max-parallel", "sbatch-arg", "dry-run");

    /** Runs {@code %ablate submit ...} ({@code args} starts with "submit"). */
    static Object line(List<String> args) {
        Parsed p = Parsed.of(args, SUBMIT_OPTIONS);
        if (p.words().size() != 2) {
            throw new MagicUsageException(MAGIC + " submit expects one study file, got "
                    + p.words().subList(1, p.words().size()));
        }
        Path studyFile = Path.of(p.words().get(1)).toAbsolutePath().normalize();
        StudySpec spec = AblateMagic.loadSpec(studyFile);
        Path out = out(p, studyFile, spec);
        SlurmOptions options;
        try {
            options = new SlurmOptions(p.options().get("partition"), p.options().get("time"),
                    p.whole("cpus-per-task", 1), p.whole("gpus-per-task", 0), p.options().get("mem"),
                    p.options().get("account"), p.whole("max-parallel", 0), p.sbatchArgs());
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(MAGIC + " submit: " + e.getMessage());
        }
        SlurmSubmitter submitter = new SlurmSubmitter(spec, studyFile, out, options);
        try {
            submitter.checkOutputFolder();
            boolean before = JobsFile.readIfPresent(out) != null;
            SlurmClient slurm = p.dryRun() && !before ? null : SlurmCommands.fromPath();
            List<Integer> rows = submitter.rowsToSubmit(slurm);
            if (rows.isEmpty()) {
                System.out.printf("study %s: nothing to submit; all %d rows are stored or queued in %s%n", spec.name(),
                        spec.rows().size(), AblateMagic.shown(out));
                return null;
            }
            SlurmSubmitter.Plan plan = submitter.plan(rows);
            if (p.dryRun()) {
                System.out.printf("study %s: would submit %d of %d rows (array indices %s); nothing submitted%n",
                        spec.name(), rows.size(), spec.rows().size(), rows);
                System.out.println(plan.commandLines());
                return null;
            }
            JobsFile.Submission s = submitter.submit(plan, slurm == null ? SlurmCommands.fromPath() : slurm);
            System.out.printf("study %s: submitted %d of %d rows as job array %s (array indices %s), summary job %s"
                    + " after it%n", spec.name(), rows.size(), spec.rows().size(), s.arrayJobId(), rows,
                    s.summaryJobId());
            for (int k : rows) {
                System.out.printf("  %-22s task %s_%d%n", spec.rows().get(k), s.arrayJobId(), k);
            }
            System.out.println("logs in " + AblateMagic.shown(out.resolve("logs")) + "; follow with %ablate watch "
                    + p.words().get(1) + (p.options().containsKey("out") ? " --out " + p.options().get("out") : ""));
            return null;
        } catch (SlurmException | IllegalArgumentException e) {
            throw new MagicUsageException(MAGIC + " submit: " + e.getMessage());
        }
    }

    static Path out(Parsed p, Path studyFile, StudySpec spec) {
        return p.options().containsKey("out") ? Path.of(p.options().get("out")).toAbsolutePath().normalize()
                : AblateMagic.defaultOut(studyFile, spec);
    }
}
