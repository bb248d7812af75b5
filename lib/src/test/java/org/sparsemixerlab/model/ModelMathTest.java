package org.sparsemixerlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.tensor.Activations;

/** The static math of the model's layers against plain double loops. */
class ModelMathTest {
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
        manager.getEngine().setRandomSeed(7);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray random(long... shape) {
        return manager.randomNormal(new Shape(shape));
    }

    @Test
    void geluMatchesTheTanhFormula() {
        NDArray x = manager.create(new float[] {-3f, -1f, -0.1f, 0f, 0.5f, 2f});
        float[] y = Activations.geluTanh(x).toFloatArray();
        float[] in = x.toFloatArray();
        for (int i = 0; i < in.length; i++) {
            double expected = 0.5 * in[i] * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (in[i] + 0.044715 * Math.pow(in[i], 3))));
            assertEquals(expected, y[i], 1e-6);
        }
    }

    @Test
    void geluValuesAndGradientMatchTheTanhFormulaOverAWideRange() {
        int n = 161;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = -8f + 0.1f * i;
        }
        NDArray x = manager.create(in);
        x.setRequiresGradient(true);
        float[] y;
        try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray out = Activations.geluTanh(x);
            y = out.toFloatArray();
            gc.backward(out.sum());
        }
        float[] grad = x.getGradient().toFloatArray();
        double c = Math.sqrt(2 / Math.PI);
        for (int i = 0; i < n; i++) {
            double v = in[i];
            double t = Math.tanh(c * (v + 0.044715 * v * v * v));
            double expected = 0.5 * v * (1 + t);
            double slope = 0.5 * (1 + t) + 0.5 * v * (1 - t * t) * c * (1 + 3 * 0.044715 * v * v);
            assertEquals(expected, y[i], 2e-6 * Math.max(1, Math.abs(v)), "gelu(" + v + ")");
            assertEquals(slope, grad[i], 2e-6 * Math.max(1, Math.abs(v)), "gelu'(" + v + ")");
        }
    }

    @Test
    void layerNormNormalisesTheLastAxisWithScaleAndOffset() {
        NDArray x = random(2, 3, 5).mul(3).add(1);
        NDArray scale = random(5);
        NDArray offset = random(5);
        float[] y = LayerNormBlock.layerNorm(x, scale, offset, 1e-12f).toFloatArray();
        double[][] expected = ReferenceMath.layerNorm(ReferenceMath.toMatrix(x.toFloatArray(), 6, 5),
                ReferenceMath.toVector(scale.toFloatArray()), ReferenceMath.toVector(offset.toFloatArray()), 1e-12);
        ReferenceMath.assertClose(expected, y, 1e-5);
    }

    @Test
    void denseFeedForwardIsGeluBetweenTwoLinearMaps() {
        NDArray x = random(2, 3, 4);
        NDArray w1 = random(6, 4);
        NDArray b1 = random(6);
        NDArray w2 = random(4, 6);
        NDArray b2 = random(4);
        float[] y = DenseFeedForward.feedForward(x, w1, b1, w2, b2).toFloatArray();
        double[][] h = ReferenceMath.gelu(ReferenceMath.linear(ReferenceMath.toMatrix(x.toFloatArray(), 6, 4),
                ReferenceMath.toMatrix(w1.toFloatArray(), 6, 4), ReferenceMath.toVector(b1.toFloatArray())));
        double[][] expected = ReferenceMath.linear(h, ReferenceMath.toMatrix(w2.toFloatArray(), 4, 6),
                ReferenceMath.toVector(b2.toFloatArray()));
        ReferenceMath.assertClose(expected, y, 1e-4);
    }

    @Test
    void embeddingsSumLookupsThenNormaliseThenProject() {
        int vocab = 7;
        int len = 4;
        int emb = 3;
        int d = 5;
        NDArray words = random(vocab, emb);
        NDArray positions = random(len, emb);
        NDArray types = random(2, emb);
        NDArray scale = random(emb);
        NDArray offset = random(emb);
        NDArray proj = random(d, emb);
        NDArray bias = random(d);
        int[][] ids = {{1, 6, 0, 0}, {3, 3, 2, 5}};
        int[][] typeIds = {{0, 1, 0, 0}, {0, 0, 1, 1}};
        NDArray y = Embeddings.embed(manager.create(ids), manager.create(typeIds), words, positions, types,
                scale, offset, proj, bias);
        assertEquals(new Shape(2, len, d), y.getShape());
        double[][] w = ReferenceMath.toMatrix(words.toFloatArray(), vocab, emb);
        double[][] p = ReferenceMath.toMatrix(positions.toFloatArray(), len, emb);
        double[][] t = ReferenceMath.toMatrix(types.toFloatArray(), 2, emb);
        double[][] sum = new double[2 * len][emb];
        for (int b = 0; b < 2; b++) {
            for (int s = 0; s < len; s++) {
                for (int e = 0; e < emb; e++) {
                    sum[b * len + s][e] = w[ids[b][s]][e] + p[s][e] + t[typeIds[b][s]][e];
                }
            }
        }
        double[][] normed = ReferenceMath.layerNorm(sum, ReferenceMath.toVector(scale.toFloatArray()),
                ReferenceMath.toVector(offset.toFloatArray()), 1e-12);
        double[][] expected = ReferenceMath.linear(normed, ReferenceMath.toMatrix(proj.toFloatArray(), d, emb),
                ReferenceMath.toVector(bias.toFloatArray()));
        ReferenceMath.assertClose(expected, y.toFloatArray(), 1e-4);
    }

    @Test
    void gatherPositionsPicksTheRowsOfEachExample() {
        NDArray seq = manager.arange(2 * 4 * 3).toType(DataType.FLOAT32, false).reshape(2, 4, 3);
        NDArray pos = manager.create(new long[][] {{3, 0}, {1, 1}});
        float[] got = PretrainingModel.gatherPositions(seq, pos).toFloatArray();
        assertArrayEquals(new float[] {9, 10, 11, 0, 1, 2, 15, 16, 17, 15, 16, 17}, got);
    }

    @Test
    void pretrainingLossIsWeightedMlmMeanPlusNspMeanPlusWeightedMoeTerms() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        NDArray mlmLogits = random(2, 3, 6);
        NDArray nspLogits = random(2, 2);
        int[][] labels = {{1, 5, 0}, {2, 2, 4}};
        float[][] weights = {{1, 1, 0}, {1, 0, 0}};
        int[] nsp = {1, 0};
        NDArray aux = manager.create(1.5f);
        NDArray z = manager.create(7f);
        PretrainingLoss.Parts parts = PretrainingLoss.compute(new NDList(mlmLogits, nspLogits, aux, z),
                manager.create(labels), manager.create(weights), manager.create(nsp), c);
        double[][] ml = ReferenceMath.toMatrix(mlmLogits.toFloatArray(), 6, 6);
        double mlm = (ReferenceMath.crossEntropy(ml[0], 1) + ReferenceMath.crossEntropy(ml[1], 5)
                + ReferenceMath.crossEntropy(ml[3], 2)) / 3;
        double[][] nl = ReferenceMath.toMatrix(nspLogits.toFloatArray(), 2, 2);
        double nspLoss = (ReferenceMath.crossEntropy(nl[0], 1) + ReferenceMath.crossEntropy(nl[1], 0)) / 2;
        assertEquals(mlm, parts.mlm().getFloat(), 1e-5);
        assertEquals(nspLoss, parts.nsp().getFloat(), 1e-5);
        assertEquals(mlm + nspLoss + 0.01 * 1.5 + 1e-4 * 7, parts.total().getFloat(), 1e-5);
    }

    @Test
    void denseModelsAddNoMoeTerms() {
        ModelConfig bert = Presets.get("bert-tiny");
        NDList outputs = new NDList(random(1, 4), manager.create(3f), manager.create(5f));
        ClassificationLoss.Parts parts = ClassificationLoss.compute(outputs, manager.create(new int[] {2}), bert);
        assertEquals(parts.task().getFloat(), parts.total().getFloat(), 0f);
    }

    @Test
    void regressionHeadUsesMeanSquaredError() {
        NDList outputs = new NDList(manager.create(new float[][] {{1f}, {3f}}), manager.create(0f), manager.create(0f));
        ClassificationLoss.Parts parts = ClassificationLoss.compute(outputs, manager.create(new float[] {0f, 1f}),
                Presets.get("bert-tiny"));
        assertEquals((1.0 + 4.0) / 2, parts.task().getFloat(), 1e-6);
    }
}
