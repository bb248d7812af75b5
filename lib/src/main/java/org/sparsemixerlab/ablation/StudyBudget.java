package org.sparsemixerlab.ablation;

import java.util.List;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * The pre-training budget every row of a study gets.
 *
 * @param steps pre-training updates
 * @param batchSize examples per update
 * @param peakLearningRate learning rate after warm-up
 * @param warmupSteps linear warm-up steps
 * @param evalEvery held-out evaluation every this many steps (0: only at the end); the curves
 * @param evalBatches at most this many held-out batches per evaluation (0: all)
 * @param maxTrainDocuments at most this many training documents (0: all)
 * @param sources corpus sources, e.g. sotu, austen, moby-dick
 */
public record StudyBudget(int steps, int batchSize, double peakLearningRate, int warmupSteps, int evalEvery,
        int evalBatches, int maxTrainDocuments, List<String> sources) {

    public StudyBudget {
        sources = List.copyOf(sources);
        settings(steps, batchSize, peakLearningRate, warmupSteps, evalEvery, evalBatches);
        if (maxTrainDocuments < 0 || sources.isEmpty()) {
            throw new IllegalArgumentException("max_train_documents must be >= 0 and sources non-empty, received "
                    + maxTrainDocuments + " and " + sources);
        }
    }

    private static TrainingSettings settings(int steps, int batch, double lr, int warmup, int evalEvery,
            int evalBatches) {
        return TrainingSettings.defaults(steps).withBatchSize(batch).withLearningRate(lr, warmup)
                .withEvaluation(evalEvery, evalBatches);
    }

    /** The pre-training settings of every row (checkpoint only at the end or on interrupt). */
    public TrainingSettings trainingSettings() {
        return settings(steps, batchSize, peakLearningRate, warmupSteps, evalEvery, evalBatches);
    }
}
