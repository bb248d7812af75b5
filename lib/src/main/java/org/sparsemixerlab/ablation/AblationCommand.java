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
 * run STUDY.json --out DIR [--shard i/n] [--threads k] [--device auto|cpu|gpu|gpu:N]
 * status STUDY.json --out DIR
 * table STUDY.json --out DIR
 * merge --out DIR SRC...
 * </pre>
 *
 * Exit codes: 0 done, 1 a failure or an interrupted/incomplete run, 2 a usage mistake (with the
 * usage message, never a stack trace).
 */
public final class AblationCommand {
    static final String USAGE = """
            usage: run STUDY.json --out DIR [--shard i/n] [--threads k] [--device auto|cpu|gpu|gpu:N]
                       trains the study's rows without a row file (resumes; shard i of n runs rows k with k % n == i - 1)
                   status STUDY.json --out DIR     lists done and missing rows
                   table STUDY.json --out DIR      prints the summary table
                   merge --out DIR SRC...          copies the row files of shard folders SRC into DIR""";

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
        try {
            return run(Arguments.parse(args), out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int run(Arguments a, PrintStream out) {
        switch (a.command) {
            case "run" -> {
                if (a.threads > 0) {
                    EngineThreads.requestBeforeEngineLoads(a.threads);
                }
                StudySpec spec = StudySpec.load(a.study());
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
            case "status" -> {
                StudyResults results = StudyResults.load(StudySpec.load(a.study()), a.out());
                out.printf("%d of %d rows done%n", results.rows().size(), results.spec().rows().size());
                results.rows().values().forEach(row -> out.printf("  done    %s (%s)%n", row.key(),
                        row.status().name().toLowerCase(java.util.Locale.ROOT)));
                results.missing().forEach(k -> out.printf("  missing %s%n", k));
                results.ignored().forEach(p -> out.printf("  ignored %s (not a row of this study)%n", p));
                return results.complete() ? 0 : 1;
            }
            case "table" -> {
                out.print(StudySummary.of(StudyResults.load(StudySpec.load(a.study()), a.out())).toText());
                return 0;
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
                    + "'; expected run, status, table or merge");
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
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + arg + " needs a value");
                }
                String value = args[++i];
                switch (arg) {
                    case "--out" -> a.out = value;
                    case "--shard" -> a.shard = Shard.parse(value);
                    case "--device" -> a.device = value;
                    case "--threads" -> {
                        try {
                            a.threads = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--threads expects a whole number, received '"
                                    + value + "'", e);
                        }
                        if (a.threads < 1) {
                            throw new IllegalArgumentException("--threads expects at least 1, received " + value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg
                            + "; expected --out, --shard, --threads or --device");
                }
            }
            if (a.out == null) {
                throw new IllegalArgumentException("missing --out DIR");
            }
            if (!a.command.equals("merge") && a.positional.size() != 1) {
                throw new IllegalArgumentException(a.command + " expects exactly one study file, received "
                        + a.positional);
            }
            return a;
        }

        Path study() {
            return Path.of(positional.get(0));
        }

        Path out() {
            return Path.of(out);
        }
    }
}
