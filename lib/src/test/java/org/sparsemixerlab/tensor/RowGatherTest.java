package org.sparsemixerlab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowGatherTest {

    @Test
    void forwardEqualsAdvancedIndexingForBothTableRanks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray table = m.arange(0f, 20f).reshape(5, 4);
            NDArray ids = m.create(new int[] {4, 0, 4, 2, 2, 2}, new Shape(2, 3));
            NDArray rows = RowGather.rows(table, ids);
            assertEquals(new Shape(2, 3, 4), rows.getShape());
            assertArrayEquals(table.get(new NDIndex("{}", ids.toType(DataType.INT64, false))).toFloatArray(),
                    rows.toFloatArray());
            NDArray vector = m.create(new float[] {7, 8, 9});
            NDArray picked = RowGather.rows(vector, m.create(new long[] {2, 2, 0, 1}, new Shape(2, 2)));
            assertEquals(new Shape(2, 2), picked.getShape());
            assertArrayEquals(new float[] {9, 9, 7, 8}, picked.toFloatArray());
            assertThrows(IllegalArgumentException.class, () -> RowGather.rows(table, m.create(new float[] {1})));
        }
    }

    /**
     * The gradient of a table row is the sum of the upstream gradients of every place that picked
     * it: checked against that sum in doubles, and bit-identical over repeated backward passes
     * (with the engine's default intra-op threads; the advanced-index path differs here).
     */
    @Test
    void backwardSumsRepeatedRowsAndIsTheSameEveryTime() {
        int rows = 3;
        int width = 256;
        int n = 4096;
        Random random = new Random(11);
        int[] ids = new int[n];
        float[] upstream = new float[n * width];
        for (int i = 0; i < n; i++) {
            ids[i] = random.nextInt(rows);
        }
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = (float) random.nextGaussian();
        }
        double[] expected = new double[rows * width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                expected[ids[i] * width + j] += upstream[i * width + j];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray table = m.randomNormal(new Shape(rows, width));
            table.setRequiresGradient(true);
            NDArray index = m.create(ids);
            NDArray up = m.create(upstream, new Shape(n, width));
            float[] first = null;
            for (int rep = 0; rep < 6; rep++) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(RowGather.rows(table, index).mul(up).sum());
                }
                float[] grad = table.getGradient().toFloatArray();
                table.getGradient().muli(0f);
                if (first == null) {
                    first = grad;
                    for (int k = 0; k < grad.length; k++) {
                        assertEquals(expected[k], grad[k], 1e-3, "row " + k / width + ", column " + k % width);
                    }
                } else {
                    assertArrayEquals(first, grad, "backward pass " + rep + " differs from the first");
                }
            }
        }
    }
}
