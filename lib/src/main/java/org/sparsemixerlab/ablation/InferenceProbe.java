package org.sparsemixerlab.ablation;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.ShuffledBatches;

/**
 * Inference throughput of a trained model: evaluation-mode forward passes over held-out batches,
 * one untimed warm-up batch, then {@code batches} timed ones (cycling when the held-out split has
 * fewer). Only the forward pass and reading one scalar of its output (which waits for the
 * computation) are timed; building the input arrays is not.
 */
final class InferenceProbe {
    private InferenceProbe() {}

    /** Tokens per second of {@code model} (parameters in {@code manager}) on {@code heldout}. */
    static double tokensPerSecond(Block model, NDManager manager, List<PretrainingExample> heldout, int batchSize,
            int batches) {
        List<PretrainingBatch> all = ShuffledBatches.inOrder(heldout, batchSize, PretrainingBatch::of);
        if (all.isEmpty()) {
            return Double.NaN;
        }
        ParameterStore ps = new ParameterStore(manager, false);
        forward(model, ps, manager, all.get(0));
        long nanos = 0;
        long tokens = 0;
        for (int i = 0; i < batches; i++) {
            PretrainingBatch batch = all.get((i + 1) % all.size());
            nanos += forward(model, ps, manager, batch);
            tokens += (long) batch.batchSize() * batch.seqLength();
        }
        return tokens / (nanos / 1e9);
    }

    private static long forward(Block model, ParameterStore ps, NDManager manager, PretrainingBatch batch) {
        try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDList inputs = batch.toNDList(sub);
            long t0 = System.nanoTime();
            NDList outputs = model.forward(ps, inputs, false);
            outputs.get(0).sum().getFloat();
            return System.nanoTime() - t0;
        }
    }
}
