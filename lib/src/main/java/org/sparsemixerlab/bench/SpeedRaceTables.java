package org.sparsemixerlab.bench;

import java.util.Locale;
import java.util.Map;

/** Text tables of a {@link BaseScaleBenchmark.Race}. */
final class SpeedRaceTables {
    private SpeedRaceTables() {}

    static String format(BaseScaleBenchmark.Race race) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nMatmul float32 at the models' shapes (batch %d), peak %.1f GFLOP/s%n",
                race.batch(), race.peakGflops()));
        for (MatmulPeak.Result r : race.matmul()) {
            sb.append(String.format(Locale.ROOT, "  %-56s %8.2f ms %8.1f GFLOP/s (best %.1f)%n", r.shape(),
                    r.medianMs(), r.gflops(), r.bestGflops()));
        }
        sb.append(String.format(Locale.ROOT, "%n%-9s %-26s %-7s %9s %19s %10s %8s %6s %7s%n", "mode", "preset",
                "seqs", "median ms", "min..max ms", "tokens/s", "speedup", "paper", "MFU"));
        for (BaseScaleBenchmark.ContenderResult r : race.results()) {
            String seqs = r.accumulation() > 1 ? r.batch() + "x" + r.accumulation() : Integer.toString(r.batch());
            sb.append(String.format(Locale.ROOT, "%-9s %-26s %-7s %9.1f %9.1f..%-9.1f %10.0f %7.2fx %6s %6.1f%%%n",
                    r.mode(), r.preset(), seqs, r.medianMs(), r.minMs(), r.maxMs(), r.tokensPerSecond(),
                    r.speedupOverBaseline(), r.paperSpeedup() == null ? "-"
                            : String.format(Locale.ROOT, "%.2fx", r.paperSpeedup()), 100 * r.mfu()));
        }
        sb.append("(seqs: sequences per step, BxK = K micro-batches of B accumulated into one update; speedup: "
                + "baseline median / contender median; MFU: analytic FLOPs / median time / matmul peak)\n");
        for (Map.Entry<String, SublayerBreakdown.Result> e : race.breakdowns().entrySet()) {
            SublayerBreakdown.Result b = e.getValue();
            sb.append(String.format(Locale.ROOT, "%nSublayers of %s, batch %d, each alone forward+backward "
                    + "(isolated, real shapes)%n", e.getKey(), race.batch()));
            sb.append(String.format(Locale.ROOT, "  %-36s %10s %6s %11s %7s%n", "sublayer", "ms/call", "calls",
                    "ms/step", "share"));
            for (SublayerBreakdown.Row r : b.rows()) {
                sb.append(String.format(Locale.ROOT, "  %-36s %10.1f %6d %11.1f %6.1f%%%n", r.name(), r.msPerCall(),
                        r.perModel(), r.msPerStep(), 100 * r.msPerStep() / b.totalMs()));
            }
            sb.append(String.format(Locale.ROOT, "  %-36s %10s %6s %11.1f%n", "sum", "", "", b.totalMs()));
            race.results().stream().filter(r -> r.mode().equals("train") && r.preset().equals(e.getKey()))
                    .findFirst().ifPresent(r -> sb.append(wholeStep(r, b)));
            if (!Double.isNaN(b.moeOverheadShare())) {
                sb.append(String.format(Locale.ROOT, "  MoE router+dispatch+combine: %.1f%% of the MoE layer%n",
                        100 * b.moeOverheadShare()));
            }
        }
        return sb.toString();
    }

    /** The loop's measured step beside what the isolated sublayers add up to. */
    private static String wholeStep(BaseScaleBenchmark.ContenderResult r, SublayerBreakdown.Result b) {
        if (r.accumulation() == 1) {
            return String.format(Locale.ROOT, "  whole training step (loop, median) %.1f ms; the rest (embeddings, "
                    + "heads, losses, isolation effects) %.1f ms%n", r.medianMs(), r.medianMs() - b.totalMs());
        }
        double optimizer = b.optimizerMs();
        double predicted = r.accumulation() * (b.totalMs() - optimizer) + optimizer;
        return String.format(Locale.ROOT, "  whole training step of %d micro-batches (loop, median) %.1f ms; the "
                + "sublayers predict %d x %.1f + %.1f (optimizer once) = %.1f ms; the rest %.1f ms%n",
                r.accumulation(), r.medianMs(), r.accumulation(), b.totalMs() - optimizer, optimizer, predicted,
                r.medianMs() - predicted);
    }
}
