package org.sparsemixerlab.ablation;

import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.StepMetrics;

/**
 * Observes a study run, e.g. for live progress in a notebook. Every method has an empty default;
 * listeners run on the study's thread, keep them quick.
 */
public interface StudyListener {

    /** Before a row trains; {@code position} is 1-based among the rows this run owns. */
    default void rowStarted(RowKey row, int position, int count) {}

    /** After every pre-training (and fine-tuning) step of the current row. */
    default void step(RowKey row, StepMetrics metrics) {}

    /** After every held-out evaluation of the current row. */
    default void evaluated(RowKey row, EvalMetrics metrics) {}

    /** After the row's file was written. */
    default void rowFinished(StudyRow row) {}

    /** A row whose file already exists, so it is not recomputed. */
    default void rowSkipped(RowKey row) {}
}
