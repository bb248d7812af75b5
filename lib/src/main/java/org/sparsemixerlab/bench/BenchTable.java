package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import java.util.List;
import java.util.Locale;

/** Plain-text tables of measurements with ratios to a baseline, plus the run's environment. */
public final class BenchTable {
    private BenchTable() {}

    /** One line naming the engine, threads, JVM and CPU count. */
    public static String environment() {
        Engine e = Engine.getInstance();
        return String.format(Locale.ROOT, "engine %s %s, DJL %s, %d CPU(s), Java %s, %s %s",
                e.getEngineName(), e.getVersion(), Engine.getDjlVersion(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /**
     * Formats measurements; {@code speedup} is baseline median / contender median (higher is faster).
     */
    public static String format(String title, List<Measurement> rows, Measurement baseline) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "%-34s %10s %10s %10s %12s %9s%n", "contender", "median ms",
                "min ms", "max ms", "tokens/s", "speedup"));
        for (Measurement m : rows) {
            sb.append(String.format(Locale.ROOT, "%-34s %10.2f %10.2f %10.2f %12.0f %8.2fx%n", m.name(),
                    m.medianMs(), m.minMs(), m.maxMs(), m.tokensPerSecond(), m.speedupOver(baseline)));
        }
        return sb.toString();
    }
}
