package org.sparsemixerlab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link BaseScaleBenchmark}.
 *
 * @param presets contenders; the first is the baseline of the ratios
 * @param batchSizes sequences per step; every batch size is a separate race
 * @param warmup untimed steps per contender
 * @param reps timed steps per contender
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N}
 * @param json where to write the JSON results, or null
 * @param breakdown whether to time the sublayers
 * @param intraOpThreads engine intra-op threads (0: the engine's default)
 * @param interOpThreads engine inter-op threads (0: the engine's default)
 * @param accumulation micro-batches per training update (gradient accumulation): a timed training
 *     step is {@code accumulation} forward+backward passes of {@code batch} sequences and one
 *     clip + AdamW update; inference is unaffected
 */
public record SpeedRaceOptions(List<String> presets, List<Integer> batchSizes, int warmup, int reps, String device,
        Path json, boolean breakdown, int intraOpThreads, int interOpThreads, int accumulation) {

    static final List<String> BASE = List.of("bert-base", "sparse-mixer-base", "fast-sparse-mixer-base");
    static final List<String> MINI = List.of("bert-mini", "sparse-mixer-mini", "fast-sparse-mixer-mini");

    static final String USAGE = "options: [--mini] [--presets a,b,c] [--batch 2[,4]] [--warmup 2] [--reps 5] "
            + "[--device auto|cpu|gpu|gpu:N] [--json FILE] [--no-breakdown] [--threads N] [--interop-threads N] "
            + "[--accumulate K]";

    /**
     * Parses the arguments; defaults: the three Base presets, batch 2 (the largest at which the three
     * Base models train side by side in 24 GiB; 32 on mini), 2 warm-up, 5 reps,
     * no gradient accumulation.
     */
    public static SpeedRaceOptions parse(String... args) {
        List<String> presets = BASE;
        List<Integer> batches = null;
        int warmup = 2;
        int reps = 5;
        String device = "auto";
        Path json = null;
        boolean breakdown = true;
        int threads = Runtime.getRuntime().availableProcessors();
        int interop = 1;
        int accumulation = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mini" -> presets = MINI;
                case "--no-breakdown" -> breakdown = false;
                case "--presets" -> presets = List.of(value(args, ++i, a).split(","));
                case "--batch" -> {
                    batches = new ArrayList<>();
                    for (String b : value(args, ++i, a).split(",")) {
                        batches.add(positive(b, a));
                    }
                }
                case "--warmup" -> warmup = nonNegative(value(args, ++i, a), a);
                case "--reps" -> reps = positive(value(args, ++i, a), a);
                case "--device" -> device = value(args, ++i, a);
                case "--json" -> json = Path.of(value(args, ++i, a));
                case "--threads" -> threads = nonNegative(value(args, ++i, a), a);
                case "--interop-threads" -> interop = nonNegative(value(args, ++i, a), a);
                case "--accumulate" -> accumulation = positive(value(args, ++i, a), a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
        }
        if (batches == null) {
            batches = List.of(presets.equals(MINI) ? 32 : 2);
        }
        return new SpeedRaceOptions(presets, List.copyOf(batches), warmup, reps, device, json, breakdown, threads,
                interop, accumulation);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int positive(String v, String option) {
        int n = nonNegative(v, option);
        if (n < 1) {
            throw new IllegalArgumentException(option + " must be at least 1, got " + v + "; " + USAGE);
        }
        return n;
    }

    private static int nonNegative(String v, String option) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a non-negative integer, got '" + v + "'; " + USAGE);
        }
    }
}
