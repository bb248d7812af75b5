package org.sparsemixerlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchTest {

    private static PretrainingExample example(int base, int nsp) {
        return new PretrainingExample(
                new int[] {101, base, 103, 102, base + 1, 102, 0},
                new int[] {0, 0, 0, 0, 1, 1, 0},
                new int[] {1, 1, 1, 1, 1, 1, 0},
                new int[] {2, 0},
                new int[] {base + 7, 0},
                new float[] {1f, 0f},
                nsp);
    }

    @Test
    void pretrainingBatchBecomesSevenArraysWithTheDocumentedShapesTypesAndValues() {
        PretrainingBatch batch = PretrainingBatch.of(List.of(example(2000, 1), example(3000, 0), example(4000, 1)));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = batch.toNDList(manager);
            assertEquals(7, list.size());
            Shape seq = new Shape(3, 7);
            Shape pred = new Shape(3, 2);
            Shape[] shapes = {seq, seq, seq, pred, pred, pred, new Shape(3)};
            DataType[] types = {DataType.INT64, DataType.INT64, DataType.FLOAT32, DataType.INT64,
                DataType.INT64, DataType.FLOAT32, DataType.INT64};
            for (int i = 0; i < 7; i++) {
                assertEquals(shapes[i], list.get(i).getShape(), "shape of array " + i);
                assertEquals(types[i], list.get(i).getDataType(), "type of array " + i);
            }
            NDArray ids = list.get(0);
            assertEquals(3000L, ids.getLong(1, 1));
            assertEquals(102L, ids.getLong(2, 5));
            assertEquals(0f, list.get(2).getFloat(0, 6));
            assertEquals(4007L, list.get(4).getLong(2, 0));
            assertArrayEquals(new long[] {1, 0, 1}, list.get(6).toLongArray());
        }
    }

    @Test
    void classificationBatchBecomesFourArrays() {
        ClassificationExample a = new ClassificationExample(new int[] {101, 5, 102, 0}, new int[4],
                new int[] {1, 1, 1, 0}, 1);
        ClassificationExample b = new ClassificationExample(new int[] {101, 6, 102, 7}, new int[] {0, 0, 0, 1},
                new int[] {1, 1, 1, 1}, 0);
        ClassificationBatch batch = ClassificationBatch.of(List.of(a, b));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList list = batch.toNDList(manager);
            assertEquals(new Shape(2, 4), list.get(0).getShape());
            assertArrayEquals(new long[] {101, 5, 102, 0, 101, 6, 102, 7}, list.get(0).toLongArray());
            assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0, 0, 1}, list.get(1).toLongArray());
            assertArrayEquals(new float[] {1, 1, 1, 0, 1, 1, 1, 1}, list.get(2).toFloatArray());
            assertArrayEquals(new long[] {1, 0}, list.get(3).toLongArray());
        }
    }

    @Test
    void examplesOfDifferentLengthCannotShareABatch() {
        ClassificationExample a = new ClassificationExample(new int[3], new int[3], new int[3], 0);
        ClassificationExample b = new ClassificationExample(new int[4], new int[4], new int[4], 0);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ClassificationBatch.of(List.of(a, b)));
        assertEquals("example 1 has L=4 but the batch has L=3", e.getMessage());
    }
}
