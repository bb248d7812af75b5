package org.sparsemixerlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.ablation.EngineThreads;
import org.sparsemixerlab.train.NativeHeap;

/**
 * The laptop-scale race of {@link LaptopScaleBenchmark}: contenders (a library build at an
 * intra-op thread count) each train in a fresh JVM ({@link LaptopRaceChild}), taking turns round by
 * round (A, B, C, A, B, C, ...) so that they share the machine's drift; then the tables.
 *
 * <p>A fresh JVM per run is the point twice over: it is what a user who starts a short training
 * waits for (JIT and engine warm-up included, read from the first steps), and it is the only way
 * to run an earlier build of the library beside this one (see {@link LaptopRaceChild}).
 */
final class LaptopRace {
    /**
     * One contender.
     *
     * @param build "before" or "after"
     * @param beforeJar the earlier lib jar for "before", null for this build
     * @param threads intra-op threads
     * @param clientJit true to run the child with the client JIT only ({@value #CLIENT_JIT_FLAG})
     * @param tunedHeap true to run the child with {@link NativeHeap#SETTINGS} in its environment
     *     (false takes them out of it, whatever this process has)
     */
    record Contender(String build, Path beforeJar, int threads, boolean clientJit, boolean tunedHeap) {
        Contender(String build, Path beforeJar, int threads) {
            this(build, beforeJar, threads, false, false);
        }

        Contender(String build, Path beforeJar, int threads, boolean clientJit) {
            this(build, beforeJar, threads, clientJit, false);
        }

        String label() {
            return build + (clientJit ? "+C1" : "") + (tunedHeap ? "+heap" : "") + ", " + threads
                    + (threads == 1 ? " thread" : " threads");
        }
    }

    /**
     * The JVM flag that keeps the JIT at its first tier (C1). On 2 cores the optimising compiler's
     * threads compete with the engine's threads during the first seconds; the kernel and the README's
     * first command run with this flag (see environment/README.md for the measurement).
     */
    static final String CLIENT_JIT_FLAG = "-XX:TieredStopAtLevel=1";

    /**
     * What one child reported.
     *
     * @param buildLocation where the child loaded the library's PretrainingTask from
     * @param threads intra-op threads in force in the child
     * @param realPredictions prediction slots holding a real prediction, over the batches used
     * @param slots all prediction slots
     * @param stepsMs every TrainingLoop step, warm-up first
     * @param partsMs median of each part of {@link LaptopRaceChild#PARTS}, then the median whole step
     * @param heap the child's glibc heap settings ({@link NativeHeap#describe}); "unknown" when not reported
     * @param faultsPerStep minor page faults per step over the steps taken apart; -1 when not reported
     */
    record ChildResult(String buildLocation, int threads, long realPredictions, long slots, double[] stepsMs,
            double[] partsMs, String heap, double faultsPerStep) {}

    private LaptopRace() {}

    /** Parses a child's output (other lines, such as the engine's log, are ignored). */
    static ChildResult parse(List<String> lines) {
        String build = null;
        int threads = -1;
        long real = -1;
        long slots = -1;
        double[] steps = null;
        double[] parts = null;
        String heap = "unknown";
        double faults = -1;
        for (String line : lines) {
            if (!line.startsWith(LaptopRaceChild.MARK + " ")) {
                continue;
            }
            String[] f = line.split(" ");
            switch (f[1]) {
                case "build" -> build = f[2];
                case "threads" -> threads = Integer.parseInt(f[2]);
                case "batches" -> {
                    real = Long.parseLong(f[4]);
                    slots = Long.parseLong(f[6]);
                }
                case "steps" -> steps = numbers(f[2]);
                case "parts" -> parts = numbers(f[2]);
                case "heap" -> heap = line.substring(line.indexOf(" heap ") + 6);
                case "faults" -> faults = Double.parseDouble(f[2]);
                default -> throw new IllegalStateException("unexpected child line: " + line);
            }
        }
        if (build == null || steps == null || parts == null) {
            throw new IllegalStateException("the child's report is incomplete; its output was:\n"
                    + String.join("\n", lines));
        }
        return new ChildResult(build, threads, real, slots, steps, parts, heap, faults);
    }

    private static double[] numbers(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * The child's class path: this program's, with the earlier lib jar in front for "before" (its
     * library classes then shadow this build's; the child class itself exists only here).
     */
    static String childClassPath(Contender c, String ownClassPath) {
        return c.beforeJar() == null ? ownClassPath
                : c.beforeJar().toAbsolutePath() + java.io.File.pathSeparator + ownClassPath;
    }

    /** Runs one child and returns what it reported; fails naming the command when it fails. */
    static ChildResult run(Contender c, String preset, int batch, int warmup, int reps, int partSteps) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (c.clientJit()) {
            cmd.add(CLIENT_JIT_FLAG);
        }
        cmd.addAll(List.of("-D" + EngineThreads.INTRA_OP_PROPERTY + "=" + c.threads(),
                "-Dai.djl.offline=true", "-cp", childClassPath(c, ownClassPath()), LaptopRaceChild.class.getName(),
                preset, Integer.toString(batch), Integer.toString(warmup), Integer.toString(reps),
                Integer.toString(partSteps)));
        List<String> lines = new ArrayList<>();
        int rc;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            NativeHeap.applyTo(pb.environment(), c.tunedHeap());
            Process p = pb.start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            }
            rc = p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("could not start a child JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
        if (rc != 0) {
            throw new IllegalStateException("the child for " + c.label() + " failed (exit " + rc + "); run it by hand: "
                    + String.join(" ", cmd) + "\nits last lines:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
        ChildResult r = parse(lines);
        boolean fromBefore = c.beforeJar() != null
                && r.buildLocation().endsWith(c.beforeJar().getFileName().toString());
        if ((c.beforeJar() != null) != fromBefore) {
            throw new IllegalStateException("the child for " + c.label() + " loaded the library from "
                    + r.buildLocation() + (c.beforeJar() != null ? ", not from " + c.beforeJar() : ", the earlier build"));
        }
        if (r.heap().startsWith("tuned") != c.tunedHeap()) {
            throw new IllegalStateException("the child for " + c.label() + " ran with heap settings: " + r.heap());
        }
        if (r.threads() != c.threads()) {
            throw new IllegalStateException("the child for " + c.label() + " ran with " + r.threads() + " threads");
        }
        return r;
    }

    /**
     * The class path of this program: the class loader's URLs when it has them (under Maven's
     * {@code exec:java} the JVM's own class path is Maven's), else the JVM's class path.
     */
    static String ownClassPath() {
        ClassLoader loader = LaptopRace.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader u && u.getURLs().length > 0) {
            List<String> parts = new ArrayList<>();
            for (java.net.URL url : u.getURLs()) {
                try {
                    parts.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("class path entry " + url + " is not a local file; run with java -cp", e);
                }
            }
            return String.join(java.io.File.pathSeparator, parts);
        }
        return System.getProperty("java.class.path");
    }

    /**
     * Tokens/s table: per contender the median step of each round (steps after the warm-up), their
     * median, tokens/s from it, the speed against its {@link #baseline} and the cold start (sum of
     * the first ten steps).
     *
     * @param results per contender, one result per round
     */
    static String speedTable(String preset, int batch, int seq, int warmup, List<Contender> contenders,
            List<List<ChildResult>> results) {
        StringBuilder sb = new StringBuilder();
        ChildResult any = results.get(0).get(0);
        sb.append(String.format(Locale.ROOT, "Training tokens/s, %s, batch %d x %d, TrainingLoop on real corpus batches"
                + " (held-out split cycled; %.1f%% of the prediction slots hold a real prediction)%n", preset, batch, seq,
                100.0 * any.realPredictions() / any.slots()));
        sb.append(String.format(Locale.ROOT, "%-24s %-28s %10s %10s %9s %14s%n", "contender", "median ms/step per round",
                "median ms", "tokens/s", "vs base", "first 10 s"));
        double[] medians = new double[contenders.size()];
        for (int i = 0; i < contenders.size(); i++) {
            medians[i] = median(roundMedians(results.get(i), warmup));
        }
        for (int i = 0; i < contenders.size(); i++) {
            Contender c = contenders.get(i);
            StringBuilder rounds = new StringBuilder();
            for (double m : roundMedians(results.get(i), warmup)) {
                rounds.append(String.format(Locale.ROOT, "%.1f ", m));
            }
            int base = baseline(contenders, i);
            String versus = base < 0 ? "" : String.format(Locale.ROOT, "%.2fx", medians[base] / medians[i]);
            double[] cold = new double[results.get(i).size()];
            for (int r = 0; r < cold.length; r++) {
                double[] steps = results.get(i).get(r).stepsMs();
                cold[r] = Arrays.stream(steps, 0, Math.min(10, steps.length)).sum() / 1000;
            }
            sb.append(String.format(Locale.ROOT, "%-24s %-28s %10.1f %10.0f %9s %14.2f%n", c.label(), rounds.toString().trim(),
                    medians[i], batch * (double) seq / medians[i] * 1000, versus, median(cold)));
        }
        boolean hasBefore = contenders.stream().anyMatch(b -> b.beforeJar() != null);
        sb.append(hasBefore ? "(vs base: against the earlier build at the same thread count)\n"
                : "(vs base: against this build without +C1 or +heap at the same thread count)\n");
        return sb.toString();
    }

    /**
     * The contender that {@code i} is compared with: the earlier build at the same thread count when
     * the race has one, else this build with neither the client JIT nor the heap settings; -1 for the
     * base itself.
     */
    static int baseline(List<Contender> contenders, int i) {
        Contender c = contenders.get(i);
        boolean hasBefore = contenders.stream().anyMatch(b -> b.beforeJar() != null);
        for (int j = 0; j < contenders.size(); j++) {
            Contender b = contenders.get(j);
            boolean plain = !b.clientJit() && !b.tunedHeap();
            if (j != i && plain && b.threads() == c.threads() && (b.beforeJar() != null || !hasBefore)) {
                return j;
            }
        }
        return -1;
    }

    private static double[] roundMedians(List<ChildResult> rounds, int warmup) {
        double[] out = new double[rounds.size()];
        for (int r = 0; r < out.length; r++) {
            double[] steps = rounds.get(r).stepsMs();
            out[r] = median(Arrays.copyOfRange(steps, Math.min(warmup, steps.length - 1), steps.length));
        }
        return out;
    }

    /** Breakdown table: per part and contender the median over rounds of the part medians, and its share. */
    static String partsTable(String preset, int batch, int seq, List<Contender> contenders,
            List<List<ChildResult>> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Step breakdown, %s, batch %d x %d (median ms per step over the rounds'"
                + " medians; steps after the timed run)%n", preset, batch, seq));
        sb.append(String.format(Locale.ROOT, "%-52s", "part"));
        double[][] parts = new double[contenders.size()][LaptopRaceChild.PARTS.length + 1];
        for (int i = 0; i < contenders.size(); i++) {
            sb.append(String.format(Locale.ROOT, " | %21s", contenders.get(i).label()));
            for (int p = 0; p < parts[i].length; p++) {
                double[] xs = new double[results.get(i).size()];
                for (int r = 0; r < xs.length; r++) {
                    xs[r] = results.get(i).get(r).partsMs()[p];
                }
                parts[i][p] = median(xs);
            }
        }
        sb.append('\n');
        for (int p = 0; p < LaptopRaceChild.PARTS.length; p++) {
            sb.append(String.format(Locale.ROOT, "%-52s", LaptopRaceChild.PARTS[p]));
            for (double[] c : parts) {
                double sum = Arrays.stream(c, 0, LaptopRaceChild.PARTS.length).sum();
                sb.append(String.format(Locale.ROOT, " | %13.2f  %5.1f%%", c[p], 100 * c[p] / sum));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-52s", "whole step (median of steps)"));
        for (double[] c : parts) {
            sb.append(String.format(Locale.ROOT, " | %13.2f  %6s", c[LaptopRaceChild.PARTS.length], ""));
        }
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "%-52s", "minor page faults per step (median of runs)"));
        for (List<ChildResult> rounds : results) {
            double[] xs = rounds.stream().mapToDouble(ChildResult::faultsPerStep).filter(x -> x >= 0).toArray();
            sb.append(xs.length == 0 ? String.format(Locale.ROOT, " | %21s", "-")
                    : String.format(Locale.ROOT, " | %13.0f  %6s", median(xs), ""));
        }
        sb.append('\n');
        return sb.toString();
    }

    static double median(double[] xs) {
        return LaptopRaceChild.median(xs);
    }
}
