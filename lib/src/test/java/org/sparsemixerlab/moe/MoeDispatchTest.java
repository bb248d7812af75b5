package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparsemixerlab.config.DispatchForm;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.tensor.Activations;

/** MASK and INDEX dispatch against each other and against plain double loops. */
class MoeDispatchTest {
    private static final int G = 2;
    private static final int T = 12;
    private static final int D = 8;
    private static final int E = 4;
    private static final int F = 16;
    private static final int C = 3;

    private NDManager manager;
    private float[] x;
    private float[] kernel;
    private float[] w1;
    private float[] b1;
    private float[] w2;
    private float[] b2;
    private float[] upstream;

    @BeforeEach
    void setUp() {
        manager = NDManager.newBaseManager();
        Random r = new Random(42);
        x = gaussian(r, G * T * D, 1.0);
        kernel = gaussian(r, D * E, 0.7);
        w1 = gaussian(r, E * D * F, 0.3);
        b1 = gaussian(r, E * F, 0.1);
        w2 = gaussian(r, E * F * D, 0.3);
        b2 = gaussian(r, E * D, 0.1);
        upstream = gaussian(r, G * T * D, 1.0);
    }

    @AfterEach
    void tearDown() { manager.close(); }

    static Stream<Arguments> algorithms() {
        return Stream.of(Arguments.of(RoutingAlgorithm.EXPERTS_CHOOSE, 0, false),
                Arguments.of(RoutingAlgorithm.TOKENS_CHOOSE, 1, true),
                Arguments.of(RoutingAlgorithm.TOKENS_CHOOSE, 2, false),
                Arguments.of(RoutingAlgorithm.TOKENS_CHOOSE, 2, true));
    }

    /** Output y and the gradients of sum(y * upstream) w.r.t. x, router kernel, w1, b2. */
    private record Run(RoutingPlan plan, float[] y, float[] gx, float[] gKernel, float[] gW1, float[] gB2) {}

    private Run run(RoutingAlgorithm alg, int k, boolean bpr, DispatchForm form) {
        NDArray xa = manager.create(x, new Shape(G, T, D));
        NDArray ka = manager.create(kernel, new Shape(D, E));
        NDArray ba = manager.zeros(new Shape(E));
        NDArray w1a = manager.create(w1, new Shape(E, D, F));
        NDArray b1a = manager.create(b1, new Shape(E, F));
        NDArray w2a = manager.create(w2, new Shape(E, F, D));
        NDArray b2a = manager.create(b2, new Shape(E, D));
        for (NDArray a : new NDArray[] {xa, ka, w1a, b2a}) {
            a.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = Router.logits(xa, ka, ba);
            RoutingPlan plan = alg == RoutingAlgorithm.EXPERTS_CHOOSE ? ExpertsChooseRouting.route(logits, C)
                    : TokensChooseRouting.route(logits, C, k, bpr);
            NDArray out = Experts.apply(MoeDispatch.dispatch(plan, xa, form), w1a, b1a, w2a, b2a);
            NDArray y = MoeDispatch.combine(plan, out, form);
            gc.backward(y.mul(manager.create(upstream, new Shape(G, T, D))).sum());
            return new Run(plan, y.toFloatArray(), xa.getGradient().toFloatArray(), ka.getGradient().toFloatArray(),
                    w1a.getGradient().toFloatArray(), b2a.getGradient().toFloatArray());
        }
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void maskAndIndexFormsGiveTheSameOutputsAndGradients(RoutingAlgorithm alg, int k, boolean bpr) {
        Run mask = run(alg, k, bpr, DispatchForm.MASK);
        Run index = run(alg, k, bpr, DispatchForm.INDEX);
        assertClose(mask.y(), index.y(), 1e-5f, "output");
        assertClose(mask.gx(), index.gx(), 1e-5f, "grad x");
        assertClose(mask.gKernel(), index.gKernel(), 1e-5f, "grad router kernel");
        assertClose(mask.gW1(), index.gW1(), 1e-5f, "grad w1");
        assertClose(mask.gB2(), index.gB2(), 1e-5f, "grad b2");
        assertTrue(norm(index.gKernel()) > 1e-6, "router kernel must receive gradient through combine weights");
        if (alg == RoutingAlgorithm.EXPERTS_CHOOSE) {
            assertTrue(index.plan().maxAssignmentsPerToken() > 1, "inputs should give some token several experts");
        }
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void outputEqualsWeightedExpertSumFromDoubleLoops(RoutingAlgorithm alg, int k, boolean bpr) {
        for (DispatchForm form : DispatchForm.values()) {
            Run r = run(alg, k, bpr, form);
            double[] expected = new double[G * T * D];
            for (Assignment a : r.plan().assignments()) {
                if (a.dropped()) {
                    continue;
                }
                int row = (a.group() * T + a.token()) * D;
                double[] ff = expert(a.expert(), row);
                for (int d = 0; d < D; d++) {
                    expected[row + d] += a.weight() * ff[d];
                }
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], r.y()[i], 1e-4, form + " element " + i);
            }
            for (int g = 0; g < G; g++) {
                for (int t : r.plan().tokensLeftBehind()[g]) {
                    for (int d = 0; d < D; d++) {
                        assertEquals(0f, Math.abs(r.y()[(g * T + t) * D + d]), form + " left-behind token " + t);
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void combineGivesZerosWhenNoTokenIsRouted() {
        NDArray logits = manager.create(kernel).reshape(1, 2, E * D / 2).get(":, :, :" + E);
        RoutingPlan plan = ExpertsChooseRouting.route(logits.duplicate(), 2, new boolean[] {false, false});
        NDArray out = manager.randomNormal(new Shape(E, 2, D));
        for (DispatchForm form : DispatchForm.values()) {
            NDArray y = MoeDispatch.combine(plan, out, form);
            assertEquals(new Shape(1, 2, D), y.getShape());
            assertEquals(0f, y.abs().sum().getFloat(), form.name());
        }
    }

    private double[] expert(int e, int row) {
        double[] h = new double[F];
        for (int f = 0; f < F; f++) {
            double s = b1[e * F + f];
            for (int d = 0; d < D; d++) {
                s += x[row + d] * w1[(e * D + d) * F + f];
            }
            h[f] = Activations.geluTanh(s);
        }
        double[] out = new double[D];
        for (int d = 0; d < D; d++) {
            double s = b2[e * D + d];
            for (int f = 0; f < F; f++) {
                s += h[f] * w2[(e * F + f) * D + d];
            }
            out[d] = s;
        }
        return out;
    }

    private static void assertClose(float[] expected, float[] actual, float tol, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + " element " + i);
        }
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static float[] gaussian(Random r, int n, double scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }
}
