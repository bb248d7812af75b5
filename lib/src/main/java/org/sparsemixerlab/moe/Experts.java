package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.sparsemixerlab.tensor.Activations;

/**
 * E independent expert feed-forwards {@code d -> expert_d_ff -> d} (SPEC 1.5, 2.1): tanh-GELU in
 * between, dropout on the output in training only, computed for all experts at once with batched
 * matrix products. Kernels N(0, 0.02) drawn independently per expert, biases 0.
 *
 * <p>Parameters: w1 {@code [E, D_MODEL, F]}, b1 {@code [E, F]}, w2 {@code [E, F, D_MODEL]}, b2
 * {@code [E, D_MODEL]}. Input NDList(x {@code [E, N, D_MODEL]}); output NDList({@code [E, N,
 * D_MODEL]}), where N = G * C slots per expert.
 */
public final class Experts extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int experts;
    private final int dModel;
    private final float dropoutRate;
    private final Parameter w1;
    private final Parameter b1;
    private final Parameter w2;
    private final Parameter b2;

    /**
     * @param experts E
     * @param dModel d
     * @param dFf expert inner width F
     * @param dropoutRate output dropout in training (expert_dropout_rate)
     */
    public Experts(int experts, int dModel, int dFf, double dropoutRate) {
        super(VERSION);
        if (experts <= 0 || dModel <= 0 || dFf <= 0 || dropoutRate < 0 || dropoutRate >= 1) {
            throw new IllegalArgumentException("Experts needs experts, dModel, dFf > 0 and 0 <= dropout < 1; got "
                    + experts + ", " + dModel + ", " + dFf + ", " + dropoutRate + ".");
        }
        this.experts = experts;
        this.dModel = dModel;
        this.dropoutRate = (float) dropoutRate;
        w1 = addParameter(weight("w1", new Shape(experts, dModel, dFf)));
        b1 = addParameter(bias("b1", new Shape(experts, dFf)));
        w2 = addParameter(weight("w2", new Shape(experts, dFf, dModel)));
        b2 = addParameter(bias("b2", new Shape(experts, dModel)));
    }

    private static Parameter weight(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape)
                .optInitializer(new NormalInitializer(0.02f)).build();
    }

    private static Parameter bias(String name, Shape shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.BIAS).optShape(shape)
                .optInitializer(new ConstantInitializer(0f)).build();
    }

    /**
     * All experts at once, without dropout: {@code gelu(x . w1 + b1) . w2 + b2} per expert.
     *
     * @param x {@code [E, N, D_MODEL]}
     * @return {@code [E, N, D_MODEL]}
     */
    public static NDArray apply(NDArray x, NDArray w1, NDArray b1, NDArray w2, NDArray b2) {
        NDArray h = Activations.geluTanh(x.matMul(w1).add(broadcastable(b1, x)));
        return h.matMul(w2).add(broadcastable(b2, x));
    }

    /** {@code bias [E, K]} as {@code [E, 1, K]}, owned by the input's manager (not the model's). */
    private static NDArray broadcastable(NDArray bias, NDArray input) {
        NDArray view = bias.expandDims(1);
        view.attach(input.getManager());
        return view;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(0) != experts || s.get(2) != dModel) {
            throw new IllegalArgumentException("Experts expects [" + experts + ", N, " + dModel + "] input; got " + s
                    + ". Dispatch tokens into per-expert slots first.");
        }
        NDArray y = apply(x, ps.getValue(w1, x.getDevice(), training), ps.getValue(b1, x.getDevice(), training),
                ps.getValue(w2, x.getDevice(), training), ps.getValue(b2, x.getDevice(), training));
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
