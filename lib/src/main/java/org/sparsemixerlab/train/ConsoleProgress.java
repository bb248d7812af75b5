package org.sparsemixerlab.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line progress bar with loss and speed for command-line runs, plus evaluation lines. */
public final class ConsoleProgress implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int every;
    private long total;

    /** Prints a bar every {@code every} steps (and at the last) to {@code out}. */
    public ConsoleProgress(PrintStream out, int every) {
        this.out = out;
        this.every = Math.max(1, every);
    }

    @Override
    public void onStart(RunProvenance provenance, long startStep, long totalSteps) {
        this.total = totalSteps;
        out.printf(Locale.ROOT, "%s: %s, %d steps%s%n", provenance.kind(), provenance.config().architecture(),
                totalSteps, startStep > 0 ? " (resuming at step " + startStep + ")" : "");
    }

    @Override
    public void onStep(StepMetrics m) {
        if (m.step() % every != 0 && m.step() != total) {
            return;
        }
        int filled = (int) (WIDTH * m.step() / Math.max(1, total));
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String acc = Double.isNaN(m.value("mlm_accuracy")) ? String.format(Locale.ROOT, "acc %.3f", m.value("accuracy"))
                : String.format(Locale.ROOT, "mlm acc %.3f nsp acc %.3f", m.value("mlm_accuracy"), m.value("nsp_accuracy"));
        out.printf(Locale.ROOT, "[%s] %d/%d loss %.4f %s lr %.2e %.0f tok/s%n", bar, m.step(), total, m.loss(), acc,
                m.learningRate(), m.tokensPerSecond());
    }

    @Override
    public void onEval(EvalMetrics m) {
        out.printf(Locale.ROOT, "eval at step %d on %d examples: %s%n", m.step(), m.examples(), m.values());
    }

    @Override
    public void onCheckpoint(long step, Path file) {
        out.printf(Locale.ROOT, "checkpoint at step %d: %s%n", step, file);
    }

    @Override
    public void onEnd(TrainingResult r) {
        out.printf(Locale.ROOT, "%s after %d steps%s%n", r.status().name().toLowerCase(Locale.ROOT), r.stepsDone(),
                r.message().isEmpty() ? "" : ": " + r.message());
    }
}
