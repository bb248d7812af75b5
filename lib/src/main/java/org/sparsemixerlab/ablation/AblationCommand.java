package org.sparsemixerlab.ablation;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.model.DeviceOption;

/**
 * Command-line entry for ablation studies.
 *
 * <pre>
 * run STUDY.json --out DIR [--shard i/n | --row K] [--threads k] [--device auto|cpu|gpu|gpu:N]
 * submit STUDY.json --out DIR [slurm options] [--dry-run]
 * resubmit STUDY.json --out DIR --failed [slurm options]
 * cancel STUDY.json --out DIR
 * status STUDY.json --out DIR
 * table STUDY.json --out DIR [--write]
 * merge --out DIR SRC...
 * compare STUDY.json --out DIR OTHER
 * </pre>
 *
 * Without {@code --threads}, {@code run} takes its engine thread count from {@code
 * SLURM_CPUS_PER_TASK} when Slurm set it. Exit codes: 0 done, 1 a failure, a refusal by Slurm or an
 * interrupted/incomplete run, 2 a usage mistake (with the usage message, never a stack trace).
 */
public final class AblationCommand {
    static final String USAGE = """
            usage: run STUDY.json --out DIR [--shard i/n | --row K] [--threads k] [--device auto|cpu|gpu|gpu:N]
                       trains the study's rows without a row file (resumes; shard i of n runs rows k with k % n == i - 1;
                       --row K runs only the row at position K, as a Slurm array task or any indexed job does)
                   submit STUDY.json --out DIR [--partition P] [--time HH:MM:SS] [--cpus-per-task N] [--gpus-per-task N]
                          [--mem SIZE] [--account A] [--max-parallel K] [--sbatch-arg ARG]... [--dry-run]
                       submits the rows without a row file to Slurm as one job array, plus a summary job after it
                   resubmit STUDY.json --out DIR --failed [slurm options]   submits the rows that failed or vanished
                   cancel STUDY.json --out DIR     cancels the study's queued and running Slurm jobs
                   status STUDY.json --out DIR     lists done and missing rows (with the Slurm states once submitted)
                   table STUDY.json --out DIR [--write]   prints the summary table (--write: also into DIR/summary.txt)
                   merge --out DIR SRC...          copies the row files of shard folders SRC into DIR
                   compare STUDY.json --out DIR OTHER   checks that DIR and OTHER hold equal rows, metric for metric
                       (speeds, wall time and provenance excluded)""";

    private AblationCommand() {}

    public static void main(String[] args) {
        Thread main = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        // Ctrl-C / SIGTERM: interrupt the run so finished rows are kept and the current one stops at a
        // step boundary. After a normal finish the hook must not wait: main is then blocked in
        // System.exit, and joining it would stall the exit for the whole timeout.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (finished.get()) {
                return;
            }
            main.interrupt();
            try {
                main.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ablation-stop"));
        int code = execute(args, System.out, System.err);
        finished.set(true);
        if (!main.isInterrupted()) {
            System.exit(code);
        }
    }

    /** Runs a command; returns the exit code. User mistakes print the usage and return 2. */
    static int execute(String[] args, PrintStream out, PrintStream err) {
        return execute(args, out, err, SlurmCommands::fromPath, System.getenv());
    }

    /** {@link #execute(String[], PrintStream, PrintStream)} with the Slurm commands and environment given. */
    static int execute(String[] args, PrintStream out, PrintStream err, java.util.function.Supplier<SlurmClient> slurm,
            java.util.Map<String, String> env) {
        try {
            return run(Arguments.parse(args), out, slurm, env);
        } catch (SlurmException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int run(Arguments a, PrintStream out, java.util.function.Supplier<SlurmClient> slurm,
            java.util.Map<String, String> env) {
        ClusterCommands cluster = new ClusterCommands(out, slurm);
        switch (a.command) {
            case "run" -> {
                a.threads = threads(a.threads, env);
                if (a.threads > 0) {
                    EngineThreads.requestBeforeEngineLoads(a.threads);
                }
                StudySpec spec = StudySpec.load(a.study());
                if (a.row != null) {
                    return runRow(spec, a, out);
                }
                DeviceOption device = DeviceOption.parse(a.device);
                if (device.fellBack()) {
                    out.println("note: " + device.note());
                }
                if (a.threads > 0) {
                    EngineThreads.apply(a.threads);
                }
                out.printf("study %s: %d rows, shard %s, %d threads%n", spec.name(), spec.rows(a.shard).size(),
                        a.shard, EngineThreads.current());
                StudyRunner.Result r = new StudyRunner(spec, a.out()).shard(a.shard).device(device.device())
                        .addListener(new ConsoleStudyListener(out, 10)).run();
                out.printf("%s: %d rows finished, %d skipped, %d remaining%n",
                        r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.finished().size(),
                        r.skipped().size(), r.remaining().size());
                return r.outcome() == StudyRunner.Outcome.COMPLETED ? 0 : 1;
            }
            case "submit", "resubmit" -> {
                if (a.command.equals("resubmit") && !a.failed) {
                    throw new IllegalArgumentException("resubmit needs --failed (it submits the rows that failed or "
                            + "vanished); submit sends every row without a row file");
                }
                return cluster.submit(StudySpec.load(a.study()), a.study(), a.out(), a.slurmOptions(), a.dryRun,
                        a.command.equals("resubmit"));
            }
            case "cancel" -> {
                return cluster.cancel(StudySpec.load(a.study()), a.study(), a.out());
            }
            case "status" -> {
                if (JobsFile.readIfPresent(a.out()) != null) {
                    return cluster.status(StudySpec.load(a.study()), a.out());
                }
                StudyResults results = StudyResults.load(StudySpec.load(a.study()), a.out());
                out.printf("%d of %d rows done%n", results.rows().size(), results.spec().rows().size());
                results.rows().values().forEach(row -> out.printf("  done    %s (%s)%n", row.key(),
                        row.status().name().toLowerCase(java.util.Locale.ROOT)));
                results.missing().forEach(k -> out.printf("  missing %s%n", k));
                results.ignored().forEach(p -> out.printf("  ignored %s (not a row of this study)%n", p));
                return results.complete() ? 0 : 1;
            }
            case "table" -> {
                String text = StudySummary.of(StudyResults.load(StudySpec.load(a.study()), a.out())).toText();
                out.print(text);
                if (a.write) {
                    Path file = a.out().resolve("summary.txt");
                    try {
                        org.sparsemixerlab.model.AtomicFiles.writeString(file, text);
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
                    }
                    out.println("written: " + file);
                }
                return 0;
            }
            case "compare" -> {
                StudySpec spec = StudySpec.load(a.study());
                RowComparison c = RowComparison.of(StudyResults.load(spec, a.out()),
                        StudyResults.load(spec, Path.of(a.positional.get(1))));
                out.printf("%d rows compared: %s%n", c.compared(), c.equal()
                        ? "equal, metric for metric (speeds excluded)" : c.differences().size() + " differences");
                c.differences().forEach(d -> out.println("  " + d));
                return c.equal() ? 0 : 1;
            }
            case "merge" -> {
                if (a.positional.isEmpty()) {
                    throw new IllegalArgumentException("merge needs at least one source folder after --out DIR");
                }
                List<Path> sources = a.positional.stream().map(Path::of).toList();
                StudyMerge.Report r = StudyMerge.merge(a.out(), sources);
                out.printf("%d rows copied, %d already present, %d conflicts%n", r.copied().size(),
                        r.alreadyPresent().size(), r.conflicts().size());
                r.conflicts().forEach(p -> out.println("  conflict (differs from the target's row, not copied): " + p));
                return r.conflicts().isEmpty() ? 0 : 1;
            }
            default -> throw new IllegalArgumentException("unknown command '" + a.command
                    + "'; expected run, submit, resubmit, cancel, status, table, merge or compare");
        }
    }

    /** {@code run --row K}: the one row at position K (a Slurm array task, a Kubernetes indexed job...). */
    private static int runRow(StudySpec spec, Arguments a, PrintStream out) {
        int count = spec.rows().size();
        if (a.row < 0 || a.row >= count) {
            throw new IllegalArgumentException("--row " + a.row + " is out of range: study " + spec.name() + " has "
                    + count + " rows, positions 0 to " + (count - 1) + " (status lists them in order)");
        }
        DeviceOption device = DeviceOption.parse(a.device);
        if (device.fellBack()) {
            out.println("note: " + device.note());
        }
        if (a.threads > 0) {
            EngineThreads.apply(a.threads);
        }
        RowKey key = spec.rows().get(a.row);
        out.printf("study %s: row %d of %d (%s), %d threads%n", spec.name(), a.row, count, key, EngineThreads.current());
        StudyRunner.Result r = new StudyRunner(spec, a.out()).row(a.row).device(device.device())
                .addListener(new ConsoleStudyListener(out, 10)).run();
        out.printf("%s: %s%n", r.outcome().name().toLowerCase(java.util.Locale.ROOT),
                !r.finished().isEmpty() ? "row written" : !r.skipped().isEmpty() ? "row stored already, skipped"
                        : "row not finished (its checkpoint is kept; run again to resume)");
        return r.outcome() == StudyRunner.Outcome.COMPLETED ? 0 : 1;
    }

    /**
     * The engine threads for {@code run}: {@code --threads} when given, else Slurm's {@code
     * SLURM_CPUS_PER_TASK}, else 0 (the engine's default).
     */
    static int threads(int option, java.util.Map<String, String> env) {
        if (option > 0) {
            return option;
        }
        String slurm = env.get("SLURM_CPUS_PER_TASK");
        if (slurm == null || slurm.isBlank()) {
            return 0;
        }
        try {
            return Math.max(1, Integer.parseInt(slurm.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SLURM_CPUS_PER_TASK is '" + slurm + "', not a whole number; pass "
                    + "--threads k", e);
        }
    }

    /** Parsed command line: the command, positional arguments and options. */
    static final class Arguments {
        String command;
        final List<String> positional = new ArrayList<>();
        String out;
        Shard shard = Shard.ALL;
        int threads;
        String device = "cpu";
        Integer row;
        boolean dryRun;
        boolean failed;
        boolean write;
        String partition;
        String time;
        int cpusPerTask = 1;
        int gpusPerTask;
        String mem;
        String account;
        int maxParallel;
        final List<String> sbatchArgs = new ArrayList<>();

        static Arguments parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("expected a command: run, status, table or merge");
            }
            Arguments a = new Arguments();
            a.command = args[0];
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    a.positional.add(arg);
                    continue;
                }
                if (a.flag(arg)) {
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--out" -> a.out = value;
                    case "--shard" -> a.shard = Shard.parse(value);
                    case "--device" -> a.device = value;
                    case "--threads" -> {
                        a.threads = whole(arg, value);
                        if (a.threads < 1) {
                            throw new IllegalArgumentException("--threads expects at least 1, received " + value);
                        }
                    }
                    case "--row" -> a.row = whole(arg, value);
                    case "--partition" -> a.partition = value;
                    case "--time" -> a.time = value;
                    case "--cpus-per-task" -> a.cpusPerTask = whole(arg, value);
                    case "--gpus-per-task" -> a.gpusPerTask = whole(arg, value);
                    case "--mem" -> a.mem = value;
                    case "--account" -> a.account = value;
                    case "--max-parallel" -> a.maxParallel = whole(arg, value);
                    case "--sbatch-arg" -> a.sbatchArgs.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; expected --out, --shard, "
                            + "--row, --threads, --device, or for submit --partition, --time, --cpus-per-task, "
                            + "--gpus-per-task, --mem, --account, --max-parallel, --sbatch-arg, --dry-run");
                }
            }
            if (a.row != null && !a.shard.equals(Shard.ALL)) {
                throw new IllegalArgumentException("--row and --shard cannot be combined: --row K runs one row");
            }
            if (a.row != null && !a.command.equals("run")) {
                throw new IllegalArgumentException("--row applies to run only");
            }
            boolean slurmCommand = a.command.equals("submit") || a.command.equals("resubmit");
            if (!slurmCommand && (a.dryRun || a.partition != null || a.time != null || a.mem != null
                    || a.account != null || a.maxParallel != 0 || !a.sbatchArgs.isEmpty() || a.gpusPerTask != 0
                    || a.cpusPerTask != 1)) {
                throw new IllegalArgumentException("Slurm options (--partition, --time, --cpus-per-task, ...) and "
                        + "--dry-run apply to submit and resubmit only");
            }
            if (a.failed && !a.command.equals("resubmit")) {
                throw new IllegalArgumentException("--failed applies to resubmit only");
            }
            if (a.write && !a.command.equals("table")) {
                throw new IllegalArgumentException("--write applies to table only");
            }
            if (a.out == null) {
                throw new IllegalArgumentException("missing --out DIR");
            }
            if (a.command.equals("compare") && a.positional.size() != 2) {
                throw new IllegalArgumentException("compare expects a study file and the other output folder, "
                        + "received " + a.positional);
            }
            if (!a.command.equals("merge") && !a.command.equals("compare") && a.positional.size() != 1) {
                throw new IllegalArgumentException(a.command + " expects exactly one study file, received "
                        + a.positional);
            }
            return a;
        }

        /** Consumes a flag without a value; false when {@code arg} is not one. */
        private boolean flag(String arg) {
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--failed" -> failed = true;
                case "--write" -> write = true;
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static int whole(String option, String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " expects a whole number, received '" + value + "'", e);
            }
        }

        SlurmOptions slurmOptions() {
            return new SlurmOptions(partition, time, cpusPerTask, gpusPerTask, mem, account, maxParallel, sbatchArgs);
        }

        Path study() {
            return Path.of(positional.get(0));
        }

        Path out() {
            return Path.of(out);
        }
    }
}
