package org.sparsemixerlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.tensor.RowGather;
import org.sparsemixerlab.tensor.Weights;

/**
 * Word, position and type embeddings, LayerNorm, projection to the model width and dropout
 * (SPEC 1.2): {@code H0 = Dropout(LN(word + pos + type) W_in + b_in)}. The LayerNorm sits before
 * the projection, and the projection exists even when {@code d_emb = d_model}, as in the reference.
 *
 * <ul>
 *   <li>inputs: token ids {@code [BATCH, SEQ]} (int32 or int64), type ids {@code [BATCH, SEQ]}
 *   <li>word table {@code [VOCAB, D_EMB]}, positions {@code [MAX_SEQ, D_EMB]}, types {@code
 *       [TYPE_VOCAB, D_EMB]}, projection {@code [D_MODEL, D_EMB]} and bias {@code [D_MODEL]}
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public final class Embeddings extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final Parameter wordTable;
    private final Parameter positionTable;
    private final Parameter typeTable;
    private final LayerNormBlock layerNorm;
    private final Parameter projection;
    private final Parameter projectionBias;

    public Embeddings(ModelConfig config) {
        super(VERSION);
        this.config = config;
        int e = config.dEmb();
        this.wordTable = addParameter(Weights.normal("word_embeddings", config.vocabSize(), e));
        this.positionTable = addParameter(Weights.normal("position_embeddings", config.maxSeqLength(), e));
        this.typeTable = addParameter(Weights.normal("type_embeddings", config.typeVocabSize(), e));
        this.layerNorm = addChildBlock("layer_norm", new LayerNormBlock(e));
        this.projection = addParameter(Weights.lecunNormal("hidden_mapping_in_kernel", e, config.dModel(), e));
        this.projectionBias = addParameter(Weights.zeros("hidden_mapping_in_bias", config.dModel()));
    }

    /** The word table, shared (tied) with the MLM output layer. */
    public Parameter wordTable() {
        return wordTable;
    }

    /**
     * The math without dropout: lookups, sum, LayerNorm, projection.
     *
     * @return {@code [BATCH, SEQ, D_MODEL]}
     */
    public static NDArray embed(NDArray ids, NDArray typeIds, NDArray words, NDArray positions,
            NDArray types, NDArray lnScale, NDArray lnOffset, NDArray proj, NDArray projBias) {
        long seq = ids.getShape().get(1);
        // Shape: [BATCH, SEQ, D_EMB]
        // RowGather: the same lookup as get("{}", ids), with a deterministic backward on the CPU
        NDArray sum = RowGather.rows(words, ids)
                .add(positions.get(new NDIndex(":{}", seq)).expandDims(0))
                .add(RowGather.rows(types, typeIds));
        NDArray normed = LayerNormBlock.layerNorm(sum, lnScale, lnOffset, LayerNormBlock.EPSILON);
        // Shape: [BATCH, SEQ, D_MODEL]
        return Linear.linear(normed, proj, projBias).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray typeIds = inputs.get(1);
        checkInput(ids, typeIds);
        Device dev = ids.getDevice();
        NDList lnParams = new NDList(ps.getValue(layerNorm.getParameters().get("scale"), dev, training),
                ps.getValue(layerNorm.getParameters().get("offset"), dev, training));
        NDArray h = embed(ids, typeIds, ps.getValue(wordTable, dev, training),
                ps.getValue(positionTable, dev, training), ps.getValue(typeTable, dev, training),
                lnParams.get(0), lnParams.get(1), ps.getValue(projection, dev, training),
                ps.getValue(projectionBias, dev, training));
        if (training && config.dropoutRate() > 0) {
            h = Dropout.dropout(h, (float) config.dropoutRate(), true).singletonOrThrow();
        }
        return new NDList(h);
    }

    private void checkInput(NDArray ids, NDArray typeIds) {
        Shape s = ids.getShape();
        if (s.dimension() != 2 || s.get(1) != config.maxSeqLength()) {
            throw new IllegalArgumentException("token ids must have shape [BATCH, " + config.maxSeqLength()
                    + "] (inputs are padded to exactly max_seq_length); received " + s
                    + ". Pad or truncate every example to " + config.maxSeqLength() + " tokens.");
        }
        if (!typeIds.getShape().equals(s)) {
            throw new IllegalArgumentException("type ids must have the shape of the token ids " + s
                    + "; received " + typeIds.getShape());
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        layerNorm.initialize(manager, dataType, new Shape(1, config.maxSeqLength(), config.dEmb()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.dModel())};
    }
}
