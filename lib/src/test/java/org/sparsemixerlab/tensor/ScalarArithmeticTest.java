package org.sparsemixerlab.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ScalarArithmeticTest {
    private static final float[] X = {-2.5f, -1f, -0.3f, 0.2f, 0.7f, 1.5f, 3f};

    /** Gradient of sum(f(x)) taken after the JVM freed and reused unreachable native memory. */
    private static float[] gradientAfterCollection(UnaryOperator<NDArray> f) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            List<ByteBuffer> poison;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                poison = FreedNativeMemory.collectAndReuse();
                gc.backward(y);
            }
            Reference.reachabilityFence(poison);
            return x.getGradient().toFloatArray();
        }
    }

    private static void assertDerivative(DoubleUnaryOperator expected, float[] actual) {
        for (int i = 0; i < X.length; i++) {
            double e = expected.applyAsDouble(X[i]);
            assertEquals(e, actual[i], 1e-5 * Math.max(1, Math.abs(e)), "d/dx at x=" + X[i]);
        }
    }

    @Test
    void mulGradientIsTheFactorEvenWhenMemoryIsCollectedBeforeBackward() throws InterruptedException {
        assertDerivative(v -> 0.75, gradientAfterCollection(x -> ScalarArithmetic.mul(x, 0.75)));
    }

    @Test
    void divGradientIsTheReciprocalEvenWhenMemoryIsCollectedBeforeBackward() throws InterruptedException {
        assertDerivative(v -> 1 / 4.0, gradientAfterCollection(x -> ScalarArithmetic.div(x, 4.0)));
    }

    @Test
    void powGradientIsThePowerRuleEvenWhenMemoryIsCollectedBeforeBackward() throws InterruptedException {
        assertDerivative(v -> 3 * v * v, gradientAfterCollection(x -> ScalarArithmetic.pow(x, 3)));
    }

    @Test
    void valuesEqualPlainJavaArithmetic() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(X);
            float[] mul = ScalarArithmetic.mul(x, -1.25).toFloatArray();
            float[] div = ScalarArithmetic.div(x, 8).toFloatArray();
            float[] pow = ScalarArithmetic.pow(x, 3).toFloatArray();
            for (int i = 0; i < X.length; i++) {
                assertEquals(X[i] * -1.25, mul[i], 1e-6);
                assertEquals(X[i] / 8.0, div[i], 1e-6);
                assertEquals((double) X[i] * X[i] * X[i], pow[i], 1e-5);
            }
            assertEquals(DataType.FLOAT32, ScalarArithmetic.mul(x, 2).getDataType());
            assertEquals(new Shape(X.length), ScalarArithmetic.mul(x, 2).getShape());
        }
    }

    @Test
    void integerInputIsRejectedWithAHint() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ids = m.create(new long[] {1, 2, 3});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ScalarArithmetic.mul(ids, 2));
            assertTrue(e.getMessage().contains("int64") && e.getMessage().contains("toType"), e.getMessage());
        }
    }
}
