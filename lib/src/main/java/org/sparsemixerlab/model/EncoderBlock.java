package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.moe.MoeOutput;
import org.sparsemixerlab.config.LayerMap;

/**
 * One post-LayerNorm encoder block (SPEC 1.3):
 *
 * <pre>
 *   M   = Mix(H)  or  Attn(H, mask)
 *   H'  = LN_mix(H + M)
 *   F   = FF(H')  or  MoE(H')
 *   H'' = LN_out(H' + F)
 * </pre>
 *
 * <p>Inputs: {@code H [BATCH, SEQ, D_MODEL]} and the token mask {@code [BATCH, SEQ]} (1 real, 0
 * padding). Output: {@code NDList(H'')} for a dense layer; for an MoE layer the sublayer's {@link
 * MoeOutput} with {@code H''} as its output. Tokens that the MoE sublayer does not process
 * get {@code F = 0} and pass through the residual.
 */
public final class EncoderBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final LayerMap.LayerSpec spec;
    private final int dModel;
    private final Block mixing;
    private final LayerNormBlock mixingNorm;
    private final Block feedForward;
    private final LayerNormBlock outputNorm;

    public EncoderBlock(LayerMap.LayerSpec spec, int dModel, Block mixing, Block feedForward) {
        super(VERSION);
        this.spec = spec;
        this.dModel = dModel;
        this.mixing = addChildBlock(spec.isAttention() ? "attention" : "mixing", mixing);
        this.mixingNorm = addChildBlock("mixing_layer_norm", new LayerNormBlock(dModel));
        this.feedForward = addChildBlock(spec.isMoe() ? "moe" : "feed_forward", feedForward);
        this.outputNorm = addChildBlock("output_layer_norm", new LayerNormBlock(dModel));
    }

    /** Which mixing and feed-forward this block holds. */
    public LayerMap.LayerSpec spec() {
        return spec;
    }

    public Block mixing() {
        return mixing;
    }

    public Block feedForward() {
        return feedForward;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = inputs.get(0);
        NDArray tokenMask = inputs.get(1);
        NDArray mixed = mixing.forward(ps, new NDList(h, tokenMask), training, params).head();
        NDArray h1 = mixingNorm.forward(ps, new NDList(h.add(mixed)), training, params).head();
        NDList ff = feedForward.forward(ps, new NDList(h1, tokenMask), training, params);
        NDArray h2 = outputNorm.forward(ps, new NDList(h1.add(ff.head())), training, params).head();
        return MoeOutput.isMoe(ff) ? MoeOutput.of(ff).withOutput(h2).toList() : new NDList(h2);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape mask = new Shape(x.get(0), x.get(1));
        mixing.initialize(manager, dataType, x, mask);
        mixingNorm.initialize(manager, dataType, x);
        feedForward.initialize(manager, dataType, x, mask);
        outputNorm.initialize(manager, dataType, x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        if (!spec.isMoe()) {
            return new Shape[] {inputShapes[0]};
        }
        return new Shape[] {inputShapes[0], new Shape(), new Shape(), new Shape(3)};
    }

    int dModel() {
        return dModel;
    }
}
