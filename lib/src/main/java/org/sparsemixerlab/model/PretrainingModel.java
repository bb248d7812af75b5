package org.sparsemixerlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.tensor.Activations;
import org.sparsemixerlab.tensor.Weights;

/**
 * Encoder plus the masked-language-model and next-sentence heads (SPEC 1.8).
 *
 * <p>MLM: gather the final hidden states at the masked positions, {@code z = LN(gelu(h W_t +
 * b_t))} projecting to {@code d_emb}, then {@code logits = z W_word^T + b_out} with the word table
 * tied to the input embeddings. Computing only the masked positions keeps the vocabulary-sized
 * product small (NOTES-DJL section 6). NSP: {@code pooled W_nsp^T + b_nsp}.
 *
 * <p>Inputs: ids, type ids, token mask (all {@code [BATCH, SEQ]}) and masked positions, either
 * {@code [BATCH, PREDICTIONS]} (int, one row of slots per example) or packed {@code [N]} (int rows
 * {@code b * SEQ + position} of the flattened sequence, only the real predictions: see {@link
 * org.sparsemixerlab.data.PretrainingBatch#toPackedNDList}). Outputs: MLM logits {@code [BATCH,
 * PREDICTIONS, VOCAB]} (packed: {@code [N, VOCAB]}), NSP logits {@code [BATCH, 2]}, then the
 * encoder's aux loss, z-loss and MoE metrics.
 */
public final class PretrainingModel extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final SparseMixerEncoder encoder;
    private final Parameter transformKernel;
    private final Parameter transformBias;
    private final LayerNormBlock transformNorm;
    private final Parameter outputBias;
    private final Parameter nspKernel;
    private final Parameter nspBias;

    public PretrainingModel(ModelConfig config) {
        super(VERSION);
        this.config = config;
        this.encoder = addChildBlock("encoder", new SparseMixerEncoder(config));
        this.transformKernel = addParameter(Weights.normal("mlm_transform_kernel", config.dEmb(), config.dModel()));
        this.transformBias = addParameter(Weights.zeros("mlm_transform_bias", config.dEmb()));
        this.transformNorm = addChildBlock("mlm_layer_norm", new LayerNormBlock(config.dEmb()));
        this.outputBias = addParameter(Weights.zeros("mlm_output_bias", config.vocabSize()));
        this.nspKernel = addParameter(Weights.normal("nsp_kernel", 2, config.dModel()));
        this.nspBias = addParameter(Weights.zeros("nsp_bias", 2));
    }

    public SparseMixerEncoder encoder() {
        return encoder;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * Rows of {@code sequence} at {@code positions}.
     *
     * @param sequence {@code [BATCH, SEQ, D_MODEL]}
     * @param positions {@code [BATCH, PREDICTIONS]} integer positions, or packed {@code [N]} rows
     *     {@code b * SEQ + position}
     * @return {@code [BATCH, PREDICTIONS, D_MODEL]}, or {@code [N, D_MODEL]} for packed rows
     */
    public static NDArray gatherPositions(NDArray sequence, NDArray positions) {
        if (positions.getShape().dimension() == 1) {
            Shape s = sequence.getShape();
            return org.sparsemixerlab.tensor.RowGather.rows(sequence.reshape(s.get(0) * s.get(1), s.get(2)),
                    positions.toType(DataType.INT64, false));
        }
        Shape s = sequence.getShape();
        long batch = s.get(0);
        long seq = s.get(1);
        long width = s.get(2);
        NDArray offsets = positions.getManager().arange(0L, batch * seq, seq, DataType.INT64, positions.getDevice())
                .reshape(batch, 1);
        NDArray flat = positions.toType(DataType.INT64, false).add(offsets).reshape(-1);
        return org.sparsemixerlab.tensor.RowGather.rows(sequence.reshape(batch * seq, width), flat)
                .reshape(batch, positions.getShape().get(1), width);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList encoded = encoder.forward(ps, new NDList(inputs.get(0), inputs.get(1), inputs.get(2)), training, params);
        EncoderOutput out = EncoderOutput.of(encoded);
        Device dev = out.sequence().getDevice();
        NDArray picked = gatherPositions(out.sequence(), inputs.get(3));
        NDArray transformed = Activations.geluTanh(Linear.linear(picked,
                ps.getValue(transformKernel, dev, training), ps.getValue(transformBias, dev, training)).singletonOrThrow());
        NDArray normed = transformNorm.forward(ps, new NDList(transformed), training, params).head();
        NDArray words = ps.getValue(encoder.embeddings().wordTable(), dev, training);
        // Shape: [BATCH, PREDICTIONS, VOCAB]
        NDArray mlmLogits = Linear.linear(normed, words, ps.getValue(outputBias, dev, training)).singletonOrThrow();
        NDArray nspLogits = Linear.linear(out.pooled(), ps.getValue(nspKernel, dev, training),
                ps.getValue(nspBias, dev, training)).singletonOrThrow();
        return new NDList(mlmLogits, nspLogits, out.auxLoss(), out.zLoss(), out.moeMetrics());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0], inputShapes[0], inputShapes[0]);
        Shape pos = inputShapes.length > 3 ? inputShapes[3] : new Shape(inputShapes[0].get(0), 1);
        transformNorm.initialize(manager, dataType, pos.dimension() == 1 ? new Shape(pos.get(0), config.dEmb())
                : new Shape(pos.get(0), pos.get(1), config.dEmb()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        Shape pos = inputShapes[3];
        Shape mlm = pos.dimension() == 1 ? new Shape(pos.get(0), config.vocabSize())
                : new Shape(pos.get(0), pos.get(1), config.vocabSize());
        return new Shape[] {mlm, new Shape(ids.get(0), 2),
            new Shape(), new Shape(), new Shape(config.layerMap().moeLayers().size(), 5)};
    }
}
