package org.sparsemixerlab.bench;

import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs contenders interleaved (A, B, C, A, B, C, ...) after warm-up so that slow drift of the
 * machine (JIT, other load, thermal) hits all of them alike. Every repetition runs inside an
 * {@link NDScope}, so no native memory accumulates.
 */
public final class Stopwatch {
    /** One contender: a name, the tokens one run processes, and the work (which must finish its math). */
    public record Contender(String name, long tokens, Runnable work) {}

    private Stopwatch() {}

    /**
     * Measures every contender.
     *
     * @param warmup untimed runs of each contender first
     * @param reps timed runs of each contender, interleaved
     */
    public static List<Measurement> interleaved(List<Contender> contenders, int warmup, int reps) {
        for (int i = 0; i < warmup; i++) {
            for (Contender c : contenders) {
                runScoped(c);
            }
        }
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (Contender c : contenders) {
            samples.put(c.name(), new double[reps]);
        }
        for (int r = 0; r < reps; r++) {
            for (Contender c : contenders) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("benchmark interrupted");
                }
                long t0 = System.nanoTime();
                runScoped(c);
                samples.get(c.name())[r] = (System.nanoTime() - t0) / 1e6;
            }
        }
        List<Measurement> out = new ArrayList<>();
        for (Contender c : contenders) {
            out.add(new Measurement(c.name(), samples.get(c.name()), c.tokens()));
        }
        return out;
    }

    private static void runScoped(Contender c) {
        try (NDScope scope = new NDScope()) {
            c.work().run();
        }
    }
}
