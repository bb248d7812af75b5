package org.sparsemixerlab.data;

/**
 * A batch and the data position just after it: saving {@code after} with a checkpoint taken once
 * this batch is trained on resumes with the next batch.
 *
 * @param batch the batch
 * @param after shuffler position after the batch's examples
 * @param <B> batch type
 */
public record PositionedBatch<B>(B batch, DataPosition after) {}
