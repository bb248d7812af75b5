package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The MoE router (SPEC 2.4): a float32 linear map {@code d_model -> E} with bias, kernel
 * N(0, 0.02), bias 0. In training, when {@code jitterNoise > 0}, the router <em>inputs</em> are
 * multiplied elementwise by U(1 - eps, 1 + eps) (the reference multiplies inputs, not logits).
 *
 * <p>Input NDList(x {@code [G, T, D_MODEL]}); output NDList(logits {@code [G, T, E]}).
 */
public final class Router extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int dModel;
    private final int experts;
    private final float jitterNoise;
    private final Parameter kernel;
    private final Parameter bias;

    /**
     * @param dModel input width d
     * @param experts number of experts E
     * @param jitterNoise eps of the multiplicative input jitter (0 = none)
     */
    public Router(int dModel, int experts, double jitterNoise) {
        super(VERSION);
        if (dModel <= 0 || experts <= 0 || jitterNoise < 0 || jitterNoise >= 1) {
            throw new IllegalArgumentException("Router needs dModel > 0, experts > 0 and 0 <= jitterNoise < 1; got "
                    + dModel + ", " + experts + ", " + jitterNoise + ".");
        }
        this.dModel = dModel;
        this.experts = experts;
        this.jitterNoise = (float) jitterNoise;
        kernel = addParameter(Parameter.builder().setName("kernel").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(dModel, experts)).optInitializer(new NormalInitializer(0.02f)).build());
        bias = addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(experts)).optInitializer(new ConstantInitializer(0f)).build());
    }

    /**
     * Router logits {@code x . W + b} in float32.
     *
     * @param x router input {@code [..., D_MODEL]}
     * @param kernel {@code [D_MODEL, E]}
     * @param bias {@code [E]}
     * @return logits {@code [..., E]}
     */
    public static NDArray logits(NDArray x, NDArray kernel, NDArray bias) {
        NDArray x32 = x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
        return x32.matMul(kernel).add(bias);
    }

    /** {@code x * U(1 - eps, 1 + eps)} elementwise; x itself when eps is 0. */
    public static NDArray jitter(NDArray x, float eps) {
        if (eps == 0f) {
            return x;
        }
        return x.mul(x.getManager().randomUniform(1f - eps, 1f + eps, x.getShape(), x.getDataType()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (x.getShape().get(x.getShape().dimension() - 1) != dModel) {
            throw new IllegalArgumentException("Router expects [..., " + dModel + "] input; got " + x.getShape() + ".");
        }
        if (training) {
            x = jitter(x, jitterNoise);
        }
        NDArray w = ps.getValue(kernel, x.getDevice(), training);
        NDArray b = ps.getValue(bias, x.getDevice(), training);
        return new NDList(logits(x, w, b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(experts)};
    }
}
