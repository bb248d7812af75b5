package org.sparsemixerlab.ablation;

/**
 * How a row measures speed. Training throughput comes from the row's own timed steps, leaving out
 * the first {@code warmupSteps} (allocator and kernel warm-up); inference throughput from a timed
 * evaluation-mode forward pass over {@code inferenceBatches} held-out batches after one untimed
 * warm-up batch.
 *
 * @param warmupSteps leading training steps left out of the training throughput
 * @param inferenceBatches timed inference batches
 */
public record SpeedProbe(int warmupSteps, int inferenceBatches) {
    /** Two warm-up steps, eight timed inference batches. */
    public static final SpeedProbe DEFAULT = new SpeedProbe(2, 8);

    public SpeedProbe {
        if (warmupSteps < 0 || inferenceBatches < 1) {
            throw new IllegalArgumentException("speed_probe needs warmup_steps >= 0 and inference_batches >= 1, "
                    + "received " + warmupSteps + " and " + inferenceBatches);
        }
    }
}
