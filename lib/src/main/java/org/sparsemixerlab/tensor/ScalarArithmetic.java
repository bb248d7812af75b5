package org.sparsemixerlab.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Elementwise arithmetic between an NDArray and a Java number that is safe inside a {@code
 * GradientCollector}. Use these instead of DJL's {@code mul(Number)}, {@code div(Number)} and
 * {@code pow(Number)} on any array that autograd may differentiate.
 *
 * <p>Why: on the PyTorch engine (DJL 0.33 and 0.36) {@code x.mul(0.5)} wraps the number in a
 * 0-dimensional tensor created by {@code torch::from_blob} over a Java direct {@code ByteBuffer},
 * runs the op and closes that tensor at once. PyTorch's autograd keeps the scalar operand of
 * {@code mul}, {@code div}, {@code pow}, {@code maximum} and {@code minimum} for the backward pass,
 * but the memory behind it belongs to the Java buffer, which the garbage collector frees as soon
 * as it is unreachable. A collection between forward and backward therefore lets the backward read
 * freed memory (malloc bookkeeping or other data): gradients become garbage or NaN, and reads of
 * unmapped memory crash the JVM. ({@code add(Number)} and {@code sub(Number)} are safe: their
 * backward keeps no operand.)
 *
 * <p>Here the scalar is made by {@code NDManager.full}, whose memory PyTorch allocates and
 * reference-counts, so the autograd graph keeps it alive after the Java handle is closed. The
 * scalar has the input's data type and device and is closed right after the op (no leak).
 */
public final class ScalarArithmetic {
    private ScalarArithmetic() {}

    /** {@code x * factor}, elementwise; any shape in, same shape out. */
    public static NDArray mul(NDArray x, double factor) {
        return withScalar(x, factor, NDArray::mul);
    }

    /** {@code x / divisor}, elementwise; any shape in, same shape out. */
    public static NDArray div(NDArray x, double divisor) {
        return withScalar(x, divisor, NDArray::div);
    }

    /** {@code x ^ exponent}, elementwise; any shape in, same shape out. */
    public static NDArray pow(NDArray x, double exponent) {
        return withScalar(x, exponent, NDArray::pow);
    }

    private static NDArray withScalar(NDArray x, double value, BinaryOperator<NDArray> op) {
        if (!x.getDataType().isFloating()) {
            throw new IllegalArgumentException("ScalarArithmetic needs a floating-point array; got "
                    + x.getDataType() + " " + x.getShape() + ". Cast it with toType(FLOAT32, false) first.");
        }
        try (NDArray scalar = x.getManager().full(new Shape(), (float) value, x.getDataType(), x.getDevice())) {
            return op.apply(x, scalar);
        }
    }
}
