package org.sparsemixerlab.train;

import org.sparsemixerlab.data.DataPosition;

/**
 * An endless, seeded stream of training batches whose position can be saved and restored, so that
 * a resumed run sees exactly the batches an uninterrupted run would have seen.
 *
 * @param <B> the batch type
 */
public interface BatchSource<B> {
    B next();

    /** Where the next batch comes from. */
    DataPosition position();

    /** Continue from a saved position. */
    void restore(DataPosition position);
}
