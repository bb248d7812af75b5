package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparsemixerlab.mixing.MixingReference.assertCubeClose;
import static org.sparsemixerlab.mixing.MixingReference.toCube;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {
    private static final int B = 2;
    private static final int L = 6;
    private static final int D = 8;
    private static final int H = 2;
    private static final List<String> NAMES = List.of(
            "query_kernel", "query_bias", "key_kernel", "key_bias",
            "value_kernel", "value_bias", "out_kernel", "out_bias");

    private static NDManager manager;
    private final Random random = new Random(51);

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    /** Example 0 has 4 real tokens then 2 padding; example 1 is all real. */
    private static NDArray tokenMask() {
        return manager.create(new float[] {1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1}, new Shape(B, L));
    }

    /** A block with every parameter (biases too) set to random values, so biases matter. */
    private MultiHeadAttention randomizedBlock(NDArray x) {
        MultiHeadAttention block = new MultiHeadAttention(D, H, 0.5);
        BlockRunner.initialize(block, manager, x);
        block.getParameters().forEach(pair -> {
            NDArray array = pair.getValue().getArray();
            array.set(MixingReference.randomArray(manager, random, array.getShape().getShape())
                    .mul(0.3f).toFloatArray());
        });
        return block;
    }

    /** Plain-loop attention in double precision; mask null attends everywhere. */
    private static double[][][] reference(
            MultiHeadAttention block, double[][][] x, float[] mask, int heads) {
        Map<String, double[]> w = new java.util.HashMap<>();
        for (String name : NAMES) {
            w.put(name, BlockRunner.values(block, name));
        }
        int b = x.length;
        int l = x[0].length;
        int d = x[0][0].length;
        int hd = d / heads;
        double[][][] q = project(x, w.get("query_kernel"), w.get("query_bias"));
        double[][][] k = project(x, w.get("key_kernel"), w.get("key_bias"));
        double[][][] v = project(x, w.get("value_kernel"), w.get("value_bias"));
        double[][][] joined = new double[b][l][d];
        for (int e = 0; e < b; e++) {
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < l; i++) {
                    double[] logits = new double[l];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < l; j++) {
                        boolean allowed = mask == null
                                || (mask[e * l + i] > 0 && mask[e * l + j] > 0);
                        double dot = 0;
                        for (int c = 0; c < hd; c++) {
                            dot += q[e][i][h * hd + c] * k[e][j][h * hd + c];
                        }
                        logits[j] = allowed ? dot / Math.sqrt(hd) : -Float.MAX_VALUE;
                        max = Math.max(max, logits[j]);
                    }
                    double total = 0;
                    double[] p = new double[l];
                    for (int j = 0; j < l; j++) {
                        p[j] = Math.exp(logits[j] - max);
                        total += p[j];
                    }
                    for (int c = 0; c < hd; c++) {
                        double sum = 0;
                        for (int j = 0; j < l; j++) {
                            sum += p[j] / total * v[e][j][h * hd + c];
                        }
                        joined[e][i][h * hd + c] = sum;
                    }
                }
            }
        }
        return project(joined, w.get("out_kernel"), w.get("out_bias"));
    }

    private static double[][][] project(double[][][] x, double[] kernel, double[] bias) {
        int d = bias.length;
        double[][][] y = new double[x.length][x[0].length][d];
        for (int e = 0; e < x.length; e++) {
            for (int i = 0; i < x[0].length; i++) {
                for (int o = 0; o < d; o++) {
                    double sum = bias[o];
                    for (int c = 0; c < x[0][0].length; c++) {
                        sum += x[e][i][c] * kernel[c * d + o];
                    }
                    y[e][i][o] = sum;
                }
            }
        }
        return y;
    }

    @Test
    void matchesLoopReferenceWithPaddingMask() {
        NDArray x = MixingReference.randomArray(manager, random, B, L, D);
        MultiHeadAttention block = randomizedBlock(x);
        double[][][] expected = reference(block, toCube(x), tokenMask().toFloatArray(), H);
        assertCubeClose(expected, BlockRunner.forward(block, manager, false, x, tokenMask()), 1e-5);
    }

    @Test
    void withoutMaskAttendsEverywhere() {
        NDArray x = MixingReference.randomArray(manager, random, B, L, D);
        MultiHeadAttention block = randomizedBlock(x);
        double[][][] expected = reference(block, toCube(x), null, H);
        assertCubeClose(expected, BlockRunner.forward(block, manager, false, x), 1e-5);
    }

    @Test
    void paddingKeysGetZeroWeightFromRealQueries() {
        NDArray q = MixingReference.randomArray(manager, random, B, H, L, 3);
        NDArray k = MixingReference.randomArray(manager, random, B, H, L, 3);
        float[] probs = MultiHeadAttention.probabilities(q, k, tokenMask()).toFloatArray();
        for (int h = 0; h < H; h++) {
            for (int i = 0; i < 4; i++) {
                int row = (h * L + i) * L; // example 0
                assertEquals(0f, probs[row + 4], "head " + h + " query " + i + " key 4");
                assertEquals(0f, probs[row + 5], "head " + h + " query " + i + " key 5");
                double sum = 0;
                for (int j = 0; j < L; j++) {
                    sum += probs[row + j];
                }
                assertEquals(1.0, sum, 1e-6);
            }
        }
    }

    @Test
    void realPositionsIgnorePaddingTokenValues() {
        NDArray x = MixingReference.randomArray(manager, random, B, L, D);
        MultiHeadAttention block = randomizedBlock(x);
        NDArray changed = x.duplicate();
        changed.set(new ai.djl.ndarray.index.NDIndex("0, 4:6, :"), 100f);
        float[] before = BlockRunner.forward(block, manager, false, x, tokenMask())
                .get("0, 0:4, :").toFloatArray();
        float[] after = BlockRunner.forward(block, manager, false, changed, tokenMask())
                .get("0, 0:4, :").toFloatArray();
        assertArrayEquals(before, after, 1e-6f);
    }

    @Test
    void dropoutIsOffInEvaluation() {
        NDArray x = MixingReference.randomArray(manager, random, B, L, D);
        MultiHeadAttention block = randomizedBlock(x); // rate 0.5
        double[][][] expected = reference(block, toCube(x), tokenMask().toFloatArray(), H);
        for (int repeat = 0; repeat < 3; repeat++) {
            assertCubeClose(
                    expected, BlockRunner.forward(block, manager, false, x, tokenMask()), 1e-5);
        }
    }

    @Test
    void trainingDropoutSharesOneMaskAcrossBatchAndChangesOutput() {
        NDArray one = MixingReference.randomArray(manager, random, 1, L, D);
        NDArray x = one.repeat(0, 4); // four identical examples
        MultiHeadAttention block = randomizedBlock(x);
        NDArray trained = BlockRunner.forward(block, manager, true, x);
        NDArray evaluated = BlockRunner.forward(block, manager, false, x);
        float[] first = trained.get("0").toFloatArray();
        for (int e = 1; e < 4; e++) {
            assertArrayEquals(first, trained.get(String.valueOf(e)).toFloatArray(), 1e-6f,
                    "example " + e + " must see the same dropout mask as example 0");
        }
        assertTrue(trained.sub(evaluated).abs().max().getFloat() > 1e-4f,
                "rate 0.5 dropout must change the training output");
    }

    @Test
    void dropoutMultiplierIsZeroOrInverseKeepProbability() {
        NDArray m = MultiHeadAttention.dropoutMultiplier(manager, 32, 0.25f, DataType.FLOAT32);
        assertEquals(new Shape(1, 1, 32, 32), m.getShape());
        int kept = 0;
        for (float v : m.toFloatArray()) {
            assertTrue(v == 0f || Math.abs(v - 1f / 0.75f) < 1e-6f, "value " + v);
            kept += v > 0 ? 1 : 0;
        }
        assertEquals(0.75, kept / 1024.0, 0.06, "fraction kept");
    }

    @Test
    void parametersAreNamedAndShapedWithNormalKernelsAndZeroBiases() {
        MultiHeadAttention block = new MultiHeadAttention(64, 4, 0.1);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 64));
        var params = block.getParameters();
        assertEquals(NAMES, params.keys());
        for (var pair : params) {
            NDArray array = pair.getValue().getArray();
            if (pair.getKey().endsWith("bias")) {
                assertEquals(new Shape(64), array.getShape());
                assertEquals(0f, array.abs().max().getFloat());
            } else {
                assertEquals(new Shape(64, 64), array.getShape());
                double std = Math.sqrt(array.square().mean().getFloat());
                assertEquals(0.02, std, 0.002, pair.getKey());
            }
        }
    }

    @Test
    void gradientsReachEveryParameterExceptTheSoftmaxInvariantKeyBias() {
        NDArray x = MixingReference.randomArray(manager, random, B, L, D);
        NDArray g = MixingReference.randomArray(manager, random, B, L, D);
        MultiHeadAttention block = randomizedBlock(x);
        Map<String, double[]> grads = BlockRunner.gradients(block, manager, x, g);
        for (String name : NAMES) {
            double max = 0;
            for (double v : grads.get(name)) {
                max = Math.max(max, Math.abs(v));
            }
            if (name.equals("key_bias")) {
                // adds the same q·b_k to every key's logit of a query: softmax is invariant
                assertEquals(0.0, max, 1e-5, name);
            } else {
                assertTrue(max > 1e-4, name + " gradient " + max);
            }
        }
    }

    @Test
    void rejectsHeadsNotDividingWidthWithClearMessage() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new MultiHeadAttention(10, 4, 0.1));
        assertTrue(e.getMessage().contains("d_model=10"), e.getMessage());
        assertTrue(e.getMessage().contains("num_heads=4"), e.getMessage());
    }

    @Test
    void rejectsMaskOfWrongShape() {
        NDArray x = MixingReference.randomArray(manager, random, B, L, D);
        MultiHeadAttention block = randomizedBlock(x);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> BlockRunner.forward(block, manager, false, x, manager.ones(new Shape(B, 5))));
        assertTrue(e.getMessage().contains("[BATCH, SEQ]"), e.getMessage());
    }
}
