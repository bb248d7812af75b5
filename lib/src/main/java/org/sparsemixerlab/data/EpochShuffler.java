package org.sparsemixerlab.data;

import java.util.SplittableRandom;

/**
 * An endless stream of example indices: each epoch is a permutation of {@code 0..size-1} drawn from
 * (seed, epoch) alone, so the same seed gives the same order on every run, and {@link #position()}
 * / {@link #restore(DataPosition)} resume exactly where a checkpoint stood. Not thread-safe.
 */
public final class EpochShuffler {

    private final int size;
    private final long seed;
    private long epoch;
    private int index;
    private int[] order;

    /**
     * @param size number of examples, at least 1
     * @param seed shuffling seed
     */
    public EpochShuffler(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("cannot shuffle " + size + " examples; need at least 1");
        }
        this.size = size;
        this.seed = seed;
        this.order = permutation(size, seed, 0);
    }

    /** The permutation of epoch {@code epoch} (a pure function of its arguments). */
    public static int[] permutation(int size, long seed, long epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + 1);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** The next example index; rolls over into the next epoch's permutation. */
    public int next() {
        if (index == size) {
            epoch++;
            index = 0;
            order = permutation(size, seed, epoch);
        }
        return order[index++];
    }

    /** The next {@code count} indices (may cross an epoch boundary). */
    public int[] next(int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = next();
        }
        return out;
    }

    /** Number of examples per epoch. */
    public int size() {
        return size;
    }

    /** The current position. */
    public DataPosition position() {
        return new DataPosition(seed, epoch, index);
    }

    /** Jumps to a saved position of a shuffler with the same seed and size. */
    public void restore(DataPosition position) {
        if (position.seed() != seed) {
            throw new IllegalArgumentException(
                    "position was saved with seed " + position.seed() + " but this shuffler has seed "
                            + seed + "; create the shuffler with the checkpoint's seed");
        }
        if (position.index() > size) {
            throw new IllegalArgumentException(
                    "position index " + position.index() + " exceeds the epoch size " + size
                            + "; was it saved for a different data set?");
        }
        if (position.epoch() != epoch) {
            order = permutation(size, seed, position.epoch());
        }
        epoch = position.epoch();
        index = position.index();
    }
}
