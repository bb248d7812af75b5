package org.sparsemixerlab.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long and how to train. Defaults via {@link #defaults(int)}: the reference's optimiser values
 * with a schedule fitted to the step budget.
 *
 * @param steps total updates
 * @param batchSize examples per micro-batch (one forward and backward)
 * @param accumulation micro-batches whose gradients are averaged into one update (gradient
 *     accumulation); an update sees {@code batchSize * accumulation} examples. Default 1.
 * @param peakLearningRate learning rate after warm-up
 * @param warmupSteps linear warm-up steps
 * @param clipNorm global gradient-norm limit; 0 turns clipping off (the reference default)
 * @param evalEvery evaluate every this many steps (0: only at the end)
 * @param evalBatches at most this many evaluation batches per evaluation
 * @param checkpointEvery write a checkpoint every this many steps (0: only at the end)
 * @param optimizer AdamW hyper-parameters
 */
public record TrainingSettings(int steps, int batchSize, int accumulation, double peakLearningRate, int warmupSteps, double clipNorm,
        int evalEvery, int evalBatches, int checkpointEvery, AdamW.Settings optimizer) {

    public TrainingSettings {
        if (steps < 1 || batchSize < 1 || accumulation < 1 || !(peakLearningRate > 0) || warmupSteps < 0 || warmupSteps > steps
                || clipNorm < 0 || evalEvery < 0 || evalBatches < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("training settings out of range: steps >= 1, batch >= 1, accumulation >= 1, learning "
                    + "rate > 0, 0 <= warm-up <= steps, clip >= 0, intervals >= 0; received " + this);
        }
    }

    /** {@code steps} updates, batch 32, peak 1e-3 (small models learn faster than Base), 10% warm-up. */
    public static TrainingSettings defaults(int steps) {
        return new TrainingSettings(steps, 32, 1, 1e-3, Math.max(1, steps / 10), 1.0, 0, 20, 0,
                AdamW.Settings.reference());
    }

    public TrainingSettings withSteps(int v) {
        return new TrainingSettings(v, batchSize, accumulation, peakLearningRate, Math.min(warmupSteps, v), clipNorm, evalEvery,
                evalBatches, checkpointEvery, optimizer);
    }

    public TrainingSettings withBatchSize(int v) {
        return new TrainingSettings(steps, v, accumulation, peakLearningRate, warmupSteps, clipNorm, evalEvery, evalBatches,
                checkpointEvery, optimizer);
    }

    public TrainingSettings withLearningRate(double peak, int warmup) {
        return new TrainingSettings(steps, batchSize, accumulation, peak, warmup, clipNorm, evalEvery, evalBatches,
                checkpointEvery, optimizer);
    }

    public TrainingSettings withEvaluation(int every, int batches) {
        return new TrainingSettings(steps, batchSize, accumulation, peakLearningRate, warmupSteps, clipNorm, every, batches,
                checkpointEvery, optimizer);
    }

    public TrainingSettings withCheckpointEvery(int every) {
        return new TrainingSettings(steps, batchSize, accumulation, peakLearningRate, warmupSteps, clipNorm, evalEvery, evalBatches,
                every, optimizer);
    }

    /** Averages the gradients of {@code v} micro-batches before each update (1: no accumulation). */
    public TrainingSettings withAccumulation(int v) {
        return new TrainingSettings(steps, batchSize, v, peakLearningRate, warmupSteps, clipNorm, evalEvery,
                evalBatches, checkpointEvery, optimizer);
    }

    /** Examples that contribute to one update: {@code batchSize * accumulation}. */
    public int examplesPerUpdate() {
        return batchSize * accumulation;
    }

    public TrainingSettings withClipNorm(double v) {
        return new TrainingSettings(steps, batchSize, accumulation, peakLearningRate, warmupSteps, v, evalEvery, evalBatches,
                checkpointEvery, optimizer);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(peakLearningRate, warmupSteps, steps);
    }

    /** Flat string map for provenance. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("accumulation", Integer.toString(accumulation));
        m.put("peak_learning_rate", Double.toString(peakLearningRate));
        m.put("warmup_steps", Integer.toString(warmupSteps));
        m.put("clip_norm", Double.toString(clipNorm));
        m.put("eval_every", Integer.toString(evalEvery));
        m.put("eval_batches", Integer.toString(evalBatches));
        m.put("checkpoint_every", Integer.toString(checkpointEvery));
        m.put("adamw", optimizer.toString());
        return m;
    }
}
