package org.sparsemixerlab.train;

/**
 * The reference schedule (SPEC 3.2): linear warm-up to the peak, then linear decay to zero at the
 * last step. {@code lr(s) = base * min(1, s/warm) * (1 - min(1, max(0, (s - warm) / (total - warm))))}.
 *
 * @param base peak learning rate
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param totalSteps step at which the rate reaches zero
 */
public record LearningRateSchedule(double base, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (!(base > 0) || warmupSteps < 0 || totalSteps < 1 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("learning-rate schedule needs base > 0 and 0 <= warmup <= total "
                    + "steps >= 1; received base " + base + ", warmup " + warmupSteps + ", total " + totalSteps);
        }
    }

    /** The learning rate used for the update of step {@code step} (0-based). */
    public double rate(long step) {
        double warm = warmupSteps == 0 ? 1.0 : Math.min(1.0, (double) step / warmupSteps);
        int decay = totalSteps - warmupSteps;
        double progress = decay <= 0 ? 0.0 : Math.max(0.0, (double) (step - warmupSteps) / decay);
        return base * warm * (1.0 - Math.min(1.0, progress));
    }
}
