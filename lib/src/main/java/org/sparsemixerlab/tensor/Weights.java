package org.sparsemixerlab.tensor;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.TruncatedNormalInitializer;

/** Parameter declarations with the reference initialisers (SPEC 1.9). */
public final class Weights {
    /** Standard deviation of every kernel and embedding table in the reference. */
    public static final float INIT_STDDEV = 0.02f;
    /** Std of a unit normal truncated at two standard deviations (Flax variance scaling). */
    private static final double TRUNCATED_STD = 0.87962566103423978;

    private Weights() {}

    /** A weight drawn from N(0, 0.02). */
    public static Parameter normal(String name, long... shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape)).optInitializer(new NormalInitializer(INIT_STDDEV)).build();
    }

    /**
     * A weight with Flax's default LeCun-normal initialiser: truncated normal with variance
     * 1/fanIn (used only by the embedding projection, SPEC 1.2).
     */
    public static Parameter lecunNormal(String name, long fanIn, long... shape) {
        float sigma = (float) (Math.sqrt(1.0 / fanIn) / TRUNCATED_STD);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(shape)).optInitializer(new TruncatedNormalInitializer(sigma)).build();
    }

    /** A bias initialised to zero. */
    public static Parameter zeros(String name, long... shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.BIAS)
                .optShape(new Shape(shape)).optInitializer(new ConstantInitializer(0f)).build();
    }

    /** A LayerNorm scale initialised to one. */
    public static Parameter ones(String name, long... shape) {
        return Parameter.builder().setName(name).setType(Parameter.Type.GAMMA)
                .optShape(new Shape(shape)).optInitializer(new ConstantInitializer(1f)).build();
    }
}
