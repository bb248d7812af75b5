package org.sparsemixerlab.data;

/**
 * Where an {@link EpochShuffler} stands, for checkpoints: restoring it resumes the same sequence.
 *
 * @param seed the shuffler's seed
 * @param epoch current epoch, from 0
 * @param index examples of the current epoch already handed out, in {@code [0, size]}
 */
public record DataPosition(long seed, long epoch, int index) {

    public DataPosition {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException(
                    "epoch and index must be non-negative, got epoch " + epoch + ", index " + index);
        }
    }

    /** The start of epoch 0. */
    public static DataPosition start(long seed) {
        return new DataPosition(seed, 0, 0);
    }
}
