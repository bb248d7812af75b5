package org.sparsemixerlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.moe.RoutingTrace;

/**
 * Records how a trained encoder routes one token sequence: pads (or cuts) the ids to {@code
 * max_seq_length} as in training, runs the encoder once in evaluation mode (eval capacity factor,
 * no dropout, no jitter) with a {@link RoutingTrace} in the forward params, and returns the trace
 * with the token ids, the real-token mask and the number of cut pieces attached. The arrays of the pass are freed before returning.
 */
public final class RoutingProbe {
    private RoutingProbe() {}

    /** {@link #trace(SparseMixerEncoder, int[])} on a pre-training model's encoder. */
    public static RoutingTrace trace(PretrainingModel model, int[] ids) {
        return trace(model.encoder(), ids);
    }

    /**
     * Routes one sequence through the encoder.
     *
     * @param ids token ids with their specials ({@code [CLS] ... [SEP]}); longer than {@code
     *     max_seq_length} keeps the first {@code max_seq_length - 1} and the last id
     * @throws IllegalArgumentException when the model has no MoE layer or {@code ids} is empty
     */
    public static RoutingTrace trace(SparseMixerEncoder encoder, int[] ids) {
        ModelConfig c = encoder.config();
        if (!c.hasMoe()) {
            throw new IllegalArgumentException("this model has no MoE layer (num_moe_layers or num_experts is 0)");
        }
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("no token ids to route; encode a sentence first");
        }
        int max = c.maxSeqLength();
        int[] kept = ids;
        if (ids.length > max) {
            kept = new int[max];
            System.arraycopy(ids, 0, kept, 0, max - 1);
            kept[max - 1] = ids[ids.length - 1];
        }
        long[] longs = new long[max];
        float[] mask = new float[max];
        int[] padded = new int[max];
        for (int i = 0; i < kept.length; i++) {
            longs[i] = kept[i];
            padded[i] = kept[i];
            mask[i] = 1f;
        }
        boolean[] real = new boolean[max];
        for (int i = 0; i < kept.length; i++) {
            real[i] = true;
        }
        RoutingTrace trace = new RoutingTrace();
        trace.setTokenIds(new int[][] {padded});
        trace.setRealTokens(new boolean[][] {real});
        trace.setCutPieces(ids.length - kept.length);
        Device device = encoder.getParameters().get(0).getValue().getArray().getDevice();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Shape shape = new Shape(1, max);
            NDList inputs = new NDList(manager.create(longs, shape), manager.zeros(shape, DataType.INT64),
                    manager.create(mask, shape));
            encoder.forward(new ParameterStore(manager, false), inputs, false, trace.asParams());
        }
        return trace;
    }

    /**
     * Routes a batch of ready-made inputs (as in training: already padded to one length) through the
     * encoder in evaluation mode, so the routing groups are the ones a batch of this size forms.
     *
     * @param ids token ids {@code [BATCH][SEQ]}
     * @param typeIds segment ids {@code [BATCH][SEQ]}
     * @param tokenMask 1 for real tokens, 0 for padding {@code [BATCH][SEQ]}
     * @throws IllegalArgumentException when the model has no MoE layer or the arrays disagree in shape
     */
    public static RoutingTrace traceBatch(SparseMixerEncoder encoder, int[][] ids, int[][] typeIds,
            int[][] tokenMask) {
        ModelConfig c = encoder.config();
        if (!c.hasMoe()) {
            throw new IllegalArgumentException("this model has no MoE layer (num_moe_layers or num_experts is 0)");
        }
        if (ids.length == 0 || typeIds.length != ids.length || tokenMask.length != ids.length) {
            throw new IllegalArgumentException("ids, typeIds and tokenMask must hold the same non-zero number of rows; got "
                    + ids.length + ", " + typeIds.length + ", " + tokenMask.length);
        }
        int batch = ids.length;
        int seq = ids[0].length;
        long[] longs = new long[batch * seq];
        long[] types = new long[batch * seq];
        float[] mask = new float[batch * seq];
        for (int b = 0; b < batch; b++) {
            if (ids[b].length != seq || typeIds[b].length != seq || tokenMask[b].length != seq) {
                throw new IllegalArgumentException("row " + b + " is not of length " + seq + " in ids, typeIds and tokenMask");
            }
            for (int i = 0; i < seq; i++) {
                longs[b * seq + i] = ids[b][i];
                types[b * seq + i] = typeIds[b][i];
                mask[b * seq + i] = tokenMask[b][i];
            }
        }
        RoutingTrace trace = new RoutingTrace();
        trace.setTokenIds(ids);
        Device device = encoder.getParameters().get(0).getValue().getArray().getDevice();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Shape shape = new Shape(batch, seq);
            NDList inputs = new NDList(manager.create(longs, shape), manager.create(types, shape),
                    manager.create(mask, shape));
            encoder.forward(new ParameterStore(manager, false), inputs, false, trace.asParams());
        }
        return trace;
    }
}
