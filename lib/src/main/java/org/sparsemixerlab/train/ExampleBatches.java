package org.sparsemixerlab.train;

import java.util.List;
import java.util.function.Function;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.data.PositionedBatch;
import org.sparsemixerlab.data.PrefetchingIterator;
import org.sparsemixerlab.data.ShuffledBatches;

/**
 * Seeded, shuffled batches of a fixed example list, collated on a background thread so that
 * loading does not stall training. The position reported is the one after the last batch the loop
 * consumed (not the read-ahead one), so checkpoints resume exactly.
 *
 * @param <E> example type
 * @param <B> batch type
 */
public final class ExampleBatches<E, B> implements BatchSource<B>, AutoCloseable {
    private static final int READ_AHEAD = 4;

    private final List<E> examples;
    private final int batchSize;
    private final long seed;
    private final Function<List<E>, B> collate;
    private PrefetchingIterator<PositionedBatch<B>> stream;
    private DataPosition consumed;

    public ExampleBatches(List<E> examples, int batchSize, long seed, Function<List<E>, B> collate) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples: check the data set and max_seq_length");
        }
        this.examples = examples;
        this.batchSize = batchSize;
        this.seed = seed;
        this.collate = collate;
        restore(DataPosition.start(seed));
    }

    @Override
    public B next() {
        PositionedBatch<B> b = stream.next();
        consumed = b.after();
        return b.batch();
    }

    @Override
    public DataPosition position() {
        return consumed;
    }

    @Override
    public void restore(DataPosition position) {
        close();
        consumed = position;
        stream = new PrefetchingIterator<>(new ShuffledBatches<>(examples, batchSize, seed, position, collate),
                READ_AHEAD);
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
    }
}
