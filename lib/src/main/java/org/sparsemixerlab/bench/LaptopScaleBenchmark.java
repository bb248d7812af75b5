package org.sparsemixerlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.train.NativeHeap;

/**
 * Training speed at the scales people run on a laptop CPU (issue 19): the presets train with the
 * project's {@code TrainingLoop} on real corpus batches, each contender in a fresh JVM, contenders
 * taking turns round by round ({@link LaptopRace}); then a breakdown of a step into data,
 * forward, routing, loss and metric reads, backward, clipping and the AdamW update.
 *
 * <p>A contender is a library build at an intra-op thread count. With {@code --before-jar PATH}
 * (the lib jar of an earlier commit) the race runs that build beside this one, so a speed-up is
 * measured before/after in the same run; the class-path arrangement that makes this possible is
 * described in {@link LaptopRaceChild}.
 *
 * <p>Usage: {@code LaptopScaleBenchmark [--presets a,b] [--batch B] [--warmup N] [--reps N]
 * [--part-steps N] [--threads 2,1] [--rounds R] [--before-jar PATH] [--client-jit true] [--heap true]}. Defaults:
 * sparse-mixer-tiny, batch 16 (the quickstart's), 30 warm-up and 30 measured steps, 20 steps taken
 * apart, threads 2 and 1, 3 rounds, no earlier build. {@code --client-jit true} adds, per thread
 * count, this build run with the JIT's first tier only ({@code -XX:TieredStopAtLevel=1}, the
 * kernel's setting). {@code --heap true} adds this build run with the kernel's glibc heap settings
 * ({@link NativeHeap}; with {@code --client-jit true} also both together); every other contender
 * runs with glibc's defaults, whatever this process has. Warm-up, repetitions and part steps may be given per preset
 * as {@code 30,5} (one value per preset, in order).
 */
public final class LaptopScaleBenchmark {
    private LaptopScaleBenchmark() {}

    /** Runs the benchmark; see the class comment for the options. */
    public static void main(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value; got " + String.join(" ", args));
        }
        List<String> presets = List.of("sparse-mixer-tiny");
        int batch = 16;
        String warmup = "30";
        String reps = "30";
        String partSteps = "20";
        int[] threads = {2, 1};
        int rounds = 3;
        Path before = null;
        boolean clientJit = false;
        boolean heap = false;
        for (int i = 0; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--presets" -> presets = List.of(v.split(","));
                case "--batch" -> batch = Integer.parseInt(v);
                case "--warmup" -> warmup = v;
                case "--reps" -> reps = v;
                case "--part-steps" -> partSteps = v;
                case "--threads" -> threads = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--before-jar" -> before = Path.of(v);
                case "--client-jit" -> clientJit = Boolean.parseBoolean(v);
                case "--heap" -> heap = Boolean.parseBoolean(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; expected --presets, --batch,"
                        + " --warmup, --reps, --part-steps, --threads, --rounds, --before-jar, --client-jit or --heap");
            }
        }
        if (before != null && !Files.isRegularFile(before)) {
            throw new IllegalArgumentException("--before-jar " + before + " is not a file; build the earlier commit's lib"
                    + " jar first (see notebooks/results/bench-laptop-scale-19.txt for the commands)");
        }
        List<LaptopRace.Contender> contenders = new ArrayList<>();
        for (int t : threads) {
            if (before != null) {
                contenders.add(new LaptopRace.Contender("before", before, t));
            }
            contenders.add(new LaptopRace.Contender("after", null, t));
            if (clientJit) {
                contenders.add(new LaptopRace.Contender("after", null, t, true));
            }
            if (heap) {
                contenders.add(new LaptopRace.Contender("after", null, t, false, true));
            }
            if (heap && clientJit) {
                contenders.add(new LaptopRace.Contender("after", null, t, true, true));
            }
        }
        System.out.printf(Locale.ROOT, "Laptop-scale training speed, %s, %d cores, load average at start %s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), loadAverage());
        if (heap) {
            System.out.println("+heap: " + NativeHeap.assignments() + " in the child's environment; the others run"
                    + " with glibc's defaults");
        }
        if (before != null) {
            System.out.println("before: " + before.toAbsolutePath().normalize().getFileName() + " (earlier build), after: this build");
        }
        for (int k = 0; k < presets.size(); k++) {
            String preset = presets.get(k);
            int seq = Presets.get(preset).maxSeqLength();
            int w = perPreset(warmup, k);
            int n = perPreset(reps, k);
            int parts = perPreset(partSteps, k);
            List<List<LaptopRace.ChildResult>> results = new ArrayList<>();
            contenders.forEach(c -> results.add(new ArrayList<>()));
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < contenders.size(); i++) {
                    System.out.printf(Locale.ROOT, "  %s round %d/%d: %s...%n", preset, r + 1, rounds, contenders.get(i).label());
                    results.get(i).add(LaptopRace.run(contenders.get(i), preset, batch, w, n, parts));
                }
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "(%d warm-up + %d measured steps per run, %d rounds, one fresh JVM per run)%n", w, n,
                    rounds);
            System.out.print(LaptopRace.speedTable(preset, batch, seq, w, contenders, results));
            System.out.println();
            System.out.print(LaptopRace.partsTable(preset, batch, seq, contenders, results));
            System.out.println();
        }
        System.out.printf(Locale.ROOT, "finished %s, load average at end %s%n", Instant.now(), loadAverage());
    }

    private static int perPreset(String values, int k) {
        String[] parts = values.split(",");
        return Integer.parseInt(parts[Math.min(k, parts.length - 1)].trim());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown (no /proc/loadavg)";
        }
    }
}
