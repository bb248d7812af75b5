package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import org.sparsemixerlab.tensor.ScalarArithmetic;

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
        // Scalar factors go through ScalarArithmetic: DJL's mul(Number)/pow(Number) leave the
        // autograd graph pointing at freed memory (NaN gradients after a garbage collection).
        NDArray cube = ScalarArithmetic.pow(x, 3);
        NDArray inner = ScalarArithmetic.mul(ScalarArithmetic.mul(cube, 0.044715).add(x), SQRT_2_OVER_PI);
        return ScalarArithmetic.mul(inner.tanh().add(1).mul(x), 0.5);
    }

    /** The same formula on one double, for tests and plain-Java reference computations. */
    public static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x)));
    }
}
