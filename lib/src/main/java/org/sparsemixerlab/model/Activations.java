package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;

/** Activation functions with the exact forms the reference uses. */
public final class Activations {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private Activations() {}

    /**
     * The tanh approximation of GELU, JAX's default and the reference's choice (SPEC 1.5):
     * {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. Any shape in, same shape out.
     */
    public static NDArray geluTanh(NDArray x) {
        // Out-of-place ops: tanh's backward needs its output, so it must not be modified in place.
        NDArray inner = x.pow(3).mul(0.044715).add(x).mul(SQRT_2_OVER_PI);
        return inner.tanh().add(1).mul(x).mul(0.5);
    }

    /** The same formula on one double, for tests and plain-Java reference computations. */
    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }
}
