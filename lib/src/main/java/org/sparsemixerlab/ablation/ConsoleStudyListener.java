package org.sparsemixerlab.ablation;

import java.io.PrintStream;
import java.util.Locale;
import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.StepMetrics;

/** Prints a study's progress for the command line: a line per row and every few steps. */
public final class ConsoleStudyListener implements StudyListener {
    private final PrintStream out;
    private final int every;

    /** Prints a step line every {@code every} steps to {@code out}. */
    public ConsoleStudyListener(PrintStream out, int every) {
        this.out = out;
        this.every = Math.max(1, every);
    }

    @Override
    public void rowStarted(RowKey row, int position, int count) {
        out.printf(Locale.ROOT, "row %d/%d: %s%n", position, count, row);
    }

    @Override
    public void step(RowKey row, StepMetrics m) {
        if (m.step() % every == 0) {
            out.printf(Locale.ROOT, "  %s step %d loss %.4f %.0f tok/s%n", row, m.step(), m.loss(),
                    m.tokensPerSecond());
        }
    }

    @Override
    public void evaluated(RowKey row, EvalMetrics m) {
        out.printf(Locale.ROOT, "  %s eval at step %d: %s%n", row, m.step(), m.values());
    }

    @Override
    public void rowFinished(StudyRow row) {
        out.printf(Locale.ROOT, "  %s %s in %.1f s: mlm_accuracy %.4f, train %.0f tok/s, infer %.0f tok/s%n",
                row.key(), row.status().name().toLowerCase(Locale.ROOT), row.wallSeconds(),
                row.metric(StudyMetrics.MLM_ACCURACY), row.metric(StudyMetrics.TRAIN_TOKENS_PER_S),
                row.metric(StudyMetrics.INFER_TOKENS_PER_S));
    }

    @Override
    public void rowSkipped(RowKey row) {
        out.printf(Locale.ROOT, "row %s: done already, skipped%n", row);
    }
}
