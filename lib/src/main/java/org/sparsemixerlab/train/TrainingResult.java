package org.sparsemixerlab.train;

import java.nio.file.Path;
import java.util.List;

/**
 * How a training run ended. Immutable.
 *
 * @param status completed, interrupted or diverged
 * @param stepsDone updates applied in total (including those before a resume)
 * @param lastStep metrics of the last completed step, or null if none ran
 * @param evaluations every evaluation of the run, in order
 * @param lastCheckpoint the newest checkpoint written, or null
 * @param message empty when completed; otherwise why it stopped
 */
public record TrainingResult(Status status, long stepsDone, StepMetrics lastStep, List<EvalMetrics> evaluations,
        Path lastCheckpoint, String message) {

    /** Why the run ended. */
    public enum Status { COMPLETED, INTERRUPTED, DIVERGED }

    public TrainingResult {
        evaluations = List.copyOf(evaluations);
    }

    /** The last evaluation, or null. */
    public EvalMetrics finalEvaluation() {
        return evaluations.isEmpty() ? null : evaluations.get(evaluations.size() - 1);
    }
}
