package org.sparsemixerlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * What the training loop needs to know about one kind of training (pre-training, fine-tuning):
 * how a batch becomes model inputs, the loss, and the metrics.
 *
 * @param <B> the batch type
 */
public interface TrainingTask<B> {

    /** A short name for provenance and progress, e.g. {@code pretrain}. */
    String name();

    /**
     * The arrays of a batch, created in {@code manager}: the model's inputs first, then whatever
     * the loss needs (labels, weights); the model reads only the leading ones.
     */
    NDList inputs(B batch, NDManager manager);

    /**
     * The loss to minimise; also adds this batch's metrics (sums and counts) to {@code sums}.
     *
     * @param outputs the model's outputs; the last one is the per-MoE-layer metrics {@code [M, 5]}
     * @param inputs what {@link #inputs} returned for the batch
     */
    NDArray loss(NDList outputs, NDList inputs, MetricSums sums);

    /** Final metric values from accumulated sums (e.g. F1 from confusion counts). */
    Map<String, Double> summarize(MetricSums sums);

    /** Tokens in a batch (for throughput). */
    long tokens(B batch);

    /** Examples in a batch. */
    int examples(B batch);
}
