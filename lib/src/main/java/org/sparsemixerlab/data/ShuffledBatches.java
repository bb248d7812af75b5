package org.sparsemixerlab.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Endless training batches: B examples at a time in {@link EpochShuffler} order, collated by a
 * function such as {@link PretrainingBatch#of} or {@link ClassificationBatch#of}. Each batch carries
 * the position after it, so a checkpoint can resume the stream exactly (also behind a
 * {@link PrefetchingIterator}, which reads ahead).
 *
 * @param <E> example type
 * @param <B> batch type
 */
public final class ShuffledBatches<E, B> implements Iterator<PositionedBatch<B>> {

    private final List<E> examples;
    private final int batchSize;
    private final EpochShuffler shuffler;
    private final Function<List<E>, B> collate;

    /**
     * @param examples the examples (not copied; must not change)
     * @param batchSize B, at least 1
     * @param seed shuffling seed
     * @param start where to start, e.g. {@link DataPosition#start(long)} or a checkpoint's position
     * @param collate turns B examples into a batch
     */
    public ShuffledBatches(
            List<E> examples, int batchSize, long seed, DataPosition start, Function<List<E>, B> collate) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.shuffler = new EpochShuffler(examples.size(), seed);
        this.shuffler.restore(start);
        this.collate = collate;
    }

    /** Always true: the stream is endless; stop after the number of steps you need. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public PositionedBatch<B> next() {
        List<E> chosen = new ArrayList<>(batchSize);
        for (int i : shuffler.next(batchSize)) {
            chosen.add(examples.get(i));
        }
        return new PositionedBatch<>(collate.apply(chosen), shuffler.position());
    }

    /** The position after the last batch handed out. */
    public DataPosition position() {
        return shuffler.position();
    }

    /**
     * Evaluation batches: all examples once, in list order, B at a time (the last batch may be
     * smaller).
     */
    public static <E, B> List<B> inOrder(List<E> examples, int batchSize, Function<List<E>, B> collate) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        List<B> out = new ArrayList<>();
        for (int from = 0; from < examples.size(); from += batchSize) {
            out.add(collate.apply(examples.subList(from, Math.min(examples.size(), from + batchSize))));
        }
        return out;
    }
}
