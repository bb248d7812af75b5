package org.sparsemixerlab.kernel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each line magic returns, declared by the magic when it is registered. The kernel's magic
 * transpiler ({@link TypedMagicTranspiler}) uses it so that {@code var fig = %routing ...} gives
 * {@code fig} the magic's result type (a {@code HeatmapFigure}) instead of {@code Object}.
 */
public final class MagicResults {

    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();

    private MagicResults() {
    }

    /** Declares that line magic {@code name} returns a {@code type} (or null). */
    public static void declare(String name, Class<?> type) {
        TYPES.put(name, type);
    }

    /** The declared result type of line magic {@code name}, or null when none was declared. */
    public static Class<?> of(String name) {
        return TYPES.get(name);
    }
}
