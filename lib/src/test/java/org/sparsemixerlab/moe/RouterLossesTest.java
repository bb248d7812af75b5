package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterLossesTest {
    private NDManager manager;

    @BeforeEach
    void open() { manager = NDManager.newBaseManager(); }

    @AfterEach
    void close() { manager.close(); }

    private static float[] gaussian(int n, long seed, double scale) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (r.nextGaussian() * scale);
        }
        return a;
    }

    @Test
    void loadBalancingLossIsKForUniformRouting() {
        for (int k = 1; k <= 3; k++) {
            NDArray logits = manager.zeros(new Shape(2, 8, 4));
            RoutingPlan plan = TokensChooseRouting.route(logits, 4, k, true);
            assertEquals(k, plan.auxLoss().getFloat(), 1e-5);
        }
    }

    @Test
    void loadBalancingLossMatchesDoubleLoopsOnRandomLogits() {
        int g = 2;
        int t = 10;
        int e = 4;
        int k = 2;
        float[] l = gaussian(g * t * e, 7, 1.5);
        RoutingPlan plan = TokensChooseRouting.route(manager.create(l, new Shape(g, t, e)), 3, k, true);
        // Independent computation: softmax and top-k in double, then E^2 * mean_{g,e} f * pbar.
        double total = 0;
        for (int gi = 0; gi < g; gi++) {
            double[] f = new double[e];
            double[] pbar = new double[e];
            for (int ti = 0; ti < t; ti++) {
                int row = (gi * t + ti) * e;
                double[] p = softmax(l, row, e);
                boolean[] taken = new boolean[e];
                for (int j = 0; j < k; j++) {
                    int best = -1;
                    for (int ei = 0; ei < e; ei++) {
                        if (!taken[ei] && (best < 0 || p[ei] > p[best])) {
                            best = ei;
                        }
                    }
                    taken[best] = true;
                    f[best] += 1.0 / t;
                }
                for (int ei = 0; ei < e; ei++) {
                    pbar[ei] += p[ei] / t;
                }
            }
            for (int ei = 0; ei < e; ei++) {
                total += f[ei] * pbar[ei];
            }
        }
        double expected = (double) e * e * total / (g * e);
        assertEquals(expected, plan.auxLoss().getFloat(), 1e-5);
    }

    @Test
    void zLossMatchesDoublePrecisionLogSumExp() {
        int g = 3;
        int t = 5;
        int e = 6;
        float[] l = gaussian(g * t * e, 11, 4.0);
        l[0] = 60f; // large logit: the stable form must not overflow
        NDArray z = RouterLosses.zLoss(manager.create(l, new Shape(g, t, e)), null);
        double sum = 0;
        for (int row = 0; row < g * t; row++) {
            double s = 0;
            for (int ei = 0; ei < e; ei++) {
                s += Math.exp(l[row * e + ei]);
            }
            double lse = Math.log(s);
            sum += lse * lse;
        }
        assertEquals(sum / (g * t), z.getFloat(), 1e-4 * sum / (g * t));
    }

    @Test
    void zLossGradientIsTwiceLogSumExpTimesSoftmaxOverTokens() {
        int t = 4;
        int e = 3;
        float[] l = gaussian(t * e, 5, 2.0);
        NDArray logits = manager.create(l, new Shape(1, t, e));
        logits.setRequiresGradient(true);
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            gc.backward(RouterLosses.zLoss(logits, null));
        }
        float[] grad = logits.getGradient().toFloatArray();
        for (int row = 0; row < t; row++) {
            double[] p = softmax(l, row * e, e);
            double s = 0;
            for (int i = 0; i < e; i++) {
                s += Math.exp(l[row * e + i]);
            }
            for (int i = 0; i < e; i++) {
                assertEquals(2 * Math.log(s) * p[i] / t, grad[row * e + i], 1e-5);
            }
        }
    }

    @Test
    void maskedZLossAveragesOnlyWeightedTokens() {
        float[] l = {1, 2, 3, 4, 0, 0};
        NDArray w = manager.create(new float[] {1, 0, 1}, new Shape(1, 3));
        NDArray z = RouterLosses.zLoss(manager.create(l, new Shape(1, 3, 2)), w);
        double a = Math.log(Math.exp(1) + Math.exp(2));
        double c = Math.log(2);
        assertEquals((a * a + c * c) / 2, z.getFloat(), 1e-5);
    }

    @Test
    void expertsChooseHasZeroAuxLossButAZLoss() {
        NDArray logits = manager.create(gaussian(2 * 8 * 4, 3, 1.0), new Shape(2, 8, 4));
        RoutingPlan plan = ExpertsChooseRouting.route(logits, 2);
        assertEquals(0f, plan.auxLoss().getFloat());
        assertEquals(RouterLosses.zLoss(logits, null).getFloat(), plan.zLoss().getFloat(), 1e-6);
    }

    private static double[] softmax(float[] l, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, l[from + i]);
        }
        double[] p = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(l[from + i] - max);
            s += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= s;
        }
        return p;
    }
}
