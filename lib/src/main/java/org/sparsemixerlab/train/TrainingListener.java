package org.sparsemixerlab.train;

import java.nio.file.Path;

/**
 * Observes a training run; the kernel draws live progress from it and the command line prints a
 * progress bar. Every method has an empty default. Listeners run on the training thread: keep them
 * quick.
 */
public interface TrainingListener {

    /** Before the first step; {@code startStep} is above 0 when resuming. */
    default void onStart(RunProvenance provenance, long startStep, long totalSteps) {}

    default void onStep(StepMetrics metrics) {}

    default void onEval(EvalMetrics metrics) {}

    default void onCheckpoint(long step, Path file) {}

    /** After the last step, or when the run stopped early (interrupt, non-finite loss). */
    default void onEnd(TrainingResult result) {}
}
