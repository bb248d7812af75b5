package org.sparsemixerlab.ablation;

import java.util.List;
import org.sparsemixerlab.data.ClassificationTask;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * Fine-tuning every row's pre-trained encoder on some classification tasks after pre-training.
 *
 * @param tasks task names as {@link ClassificationTask#byName} knows them (sentiment, ...)
 * @param steps fine-tuning updates per task
 * @param batchSize examples per update
 * @param peakLearningRate learning rate after warm-up
 * @param warmupSteps linear warm-up steps
 * @param evalBatches at most this many dev batches in the final evaluation (0: all)
 */
public record FineTuningPlan(List<String> tasks, int steps, int batchSize, double peakLearningRate,
        int warmupSteps, int evalBatches) {

    public FineTuningPlan {
        tasks = List.copyOf(tasks);
        for (String t : tasks) {
            ClassificationTask.byName(t);
        }
        settings(steps, batchSize, peakLearningRate, warmupSteps, evalBatches);
    }

    private static TrainingSettings settings(int steps, int batch, double lr, int warmup, int evalBatches) {
        return TrainingSettings.defaults(steps).withBatchSize(batch).withLearningRate(lr, warmup)
                .withEvaluation(0, evalBatches);
    }

    /** The fine-tuning settings of every task. */
    public TrainingSettings trainingSettings() {
        return settings(steps, batchSize, peakLearningRate, warmupSteps, evalBatches);
    }
}
