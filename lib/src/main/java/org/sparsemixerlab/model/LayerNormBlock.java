package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.tensor.Weights;

/**
 * Layer normalisation over the last axis with learned scale and offset, epsilon 1e-12 (SPEC 1.3).
 *
 * <p>DJL's {@code LayerNorm} block normalises over every axis but the first by default (NOTES-DJL
 * section 5), which is not transformer LayerNorm; this block always normalises the last axis.
 *
 * <ul>
 *   <li>input: {@code [..., WIDTH]}
 *   <li>scale, offset: {@code [WIDTH]}
 *   <li>output: same shape as the input
 * </ul>
 */
public final class LayerNormBlock extends AbstractBlock {
    /** The reference epsilon. */
    public static final float EPSILON = 1e-12f;
    private static final byte VERSION = 1;

    private final int width;
    private final Parameter scale;
    private final Parameter offset;

    public LayerNormBlock(int width) {
        super(VERSION);
        this.width = width;
        this.scale = addParameter(Weights.ones("scale", width));
        this.offset = addParameter(Weights.zeros("offset", width));
    }

    /** {@code (x - mean) / sqrt(var + eps) * scale + offset} over the last axis. */
    public static NDArray layerNorm(NDArray x, NDArray scale, NDArray offset, float eps) {
        long width = x.getShape().get(x.getShape().dimension() - 1);
        return LayerNorm.layerNorm(x, new Shape(width), scale, offset, eps).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        return new NDList(layerNorm(x, ps.getValue(scale, x.getDevice(), training),
                ps.getValue(offset, x.getDevice(), training), EPSILON));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    public int width() {
        return width;
    }
}
