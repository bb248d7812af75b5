package org.sparsemixerlab.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The glibc heap settings the kernel runs with (issue 19, second pass), and how to see whether a
 * process has them.
 *
 * <p>Why: PyTorch's CPU allocator takes every tensor from {@code malloc} and gives it back at once.
 * With glibc's defaults a block of a few MB (the MLM logits {@code [N, 30522]}, the word-table
 * gradients {@code [30522, d_emb]}) is either mapped fresh from the kernel or handed back to it when
 * freed, so the next step touches new pages: 5,000-8,000 minor page faults per {@code
 * sparse-mixer-tiny} step (in the engine's profiler a zero-fill of {@code [120, 30522]} took 0.2 ms
 * on pages already mapped and 20-40 ms on fresh ones). Keeping blocks up to 32 MB on the heap
 * ({@code MALLOC_MMAP_THRESHOLD_}, glibc's maximum) and not returning free memory below 256 MB at the
 * top of it ({@code MALLOC_TRIM_THRESHOLD_}) lets the next step reuse the same pages: 13x fewer
 * faults, a tiny step 1.03-1.13x faster, about 55 MB more resident and flat over 1,000 steps
 * ({@code notebooks/results/bench-laptop-scale-19-heap.txt}). Blocks above 32 MB (mini's logits) are
 * still mapped fresh. Setting only one of them is worse than none: it switches off glibc's adaptive
 * threshold.
 *
 * <p>These are environment variables: glibc reads them when the process starts, so they go into
 * the kernel's {@code kernel.json} ({@code environment/kernel.json}, a test checks it matches), the
 * Slurm scripts of a study ({@code ablation.BatchScript}) and the child JVM that runs a notebook
 * headless in its own folder; a user's own value of either variable is left alone. Other C
 * libraries (macOS, Windows, musl) ignore them.
 */
public final class NativeHeap {
    /** Variable name to value, in the order they are documented. */
    public static final Map<String, String> SETTINGS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MALLOC_MMAP_THRESHOLD_", Long.toString(32L << 20));
        m.put("MALLOC_TRIM_THRESHOLD_", Long.toString(256L << 20));
        SETTINGS = java.util.Collections.unmodifiableMap(m);
    }

    private NativeHeap() {}

    /** The settings as shell assignments: {@code NAME=V NAME=V}. */
    public static String assignments() {
        StringJoiner j = new StringJoiner(" ");
        SETTINGS.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    /** True when every setting is present in {@code env} with its value. */
    public static boolean applied(Map<String, String> env) {
        return SETTINGS.entrySet().stream().allMatch(e -> e.getValue().equals(env.get(e.getKey())));
    }

    /**
     * One line for reports: {@code tuned (NAME=V NAME=V)}, or {@code glibc defaults} when none of the
     * variables is set, or the variables found when they differ from the settings.
     */
    public static String describe(Map<String, String> env) {
        StringJoiner found = new StringJoiner(" ");
        for (String name : SETTINGS.keySet()) {
            if (env.containsKey(name)) {
                found.add(name + "=" + env.get(name));
            }
        }
        if (applied(env)) {
            return "tuned (" + found + ")";
        }
        return found.length() == 0 ? "glibc defaults" : "other (" + found + ")";
    }

    /**
     * Puts the settings into a child's environment unless it already has either variable (a user's
     * own choice wins); returns whether it did.
     */
    public static boolean applyUnlessSet(Map<String, String> childEnv) {
        if (SETTINGS.keySet().stream().anyMatch(childEnv::containsKey)) {
            return false;
        }
        childEnv.putAll(SETTINGS);
        return true;
    }

    /** Puts the settings into a child's environment ({@code tuned}) or takes them out of it. */
    public static void applyTo(Map<String, String> childEnv, boolean tuned) {
        if (tuned) {
            childEnv.putAll(SETTINGS);
        } else {
            SETTINGS.keySet().forEach(childEnv::remove);
        }
    }
}
