package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.tensor.Activations;
import org.sparsemixerlab.tensor.Weights;

/**
 * The dense feed-forward sublayer {@code Dropout(gelu(x W1 + b1) W2 + b2)} (SPEC 1.5): one dropout,
 * on the output; tanh-approximated GELU.
 *
 * <ul>
 *   <li>input: {@code [BATCH, SEQ, D_MODEL]} (an optional second input, the token mask, is ignored)
 *   <li>intermediate kernel {@code [D_FF, D_MODEL]}, bias {@code [D_FF]} (PyTorch's out-by-in layout)
 *   <li>output kernel {@code [D_MODEL, D_FF]}, bias {@code [D_MODEL]}
 *   <li>output: {@code [BATCH, SEQ, D_MODEL]}
 * </ul>
 */
public final class DenseFeedForward extends AbstractBlock {
    private static final byte VERSION = 1;

    private final float dropoutRate;
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;

    public DenseFeedForward(int dModel, int dFf, double dropoutRate) {
        super(VERSION);
        this.dropoutRate = (float) dropoutRate;
        this.w1 = addParameter(Weights.normal("intermediate_kernel", dFf, dModel));
        this.b1 = addParameter(Weights.zeros("intermediate_bias", dFf));
        this.w2 = addParameter(Weights.normal("output_kernel", dModel, dFf));
        this.b2 = addParameter(Weights.zeros("output_bias", dModel));
    }

    /** The math without dropout: {@code gelu(x W1^T + b1) W2^T + b2}. */
    public static NDArray feedForward(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        NDArray hidden = Activations.geluTanh(Linear.linear(x, w1, b1).singletonOrThrow());
        return Linear.linear(hidden, w2, b2).singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        var dev = x.getDevice();
        NDArray y = feedForward(x, ps.getValue(w1, dev, training), ps.getValue(b1, dev, training),
                ps.getValue(w2, dev, training), ps.getValue(b2, dev, training));
        if (training && dropoutRate > 0) {
            y = Dropout.dropout(y, dropoutRate, true).singletonOrThrow();
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
