package org.sparsemixerlab.mixing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StructuredMatricesTest {
    private static NDManager manager;

    @BeforeAll
    static void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void closeManager() {
        manager.close();
    }

    @Test
    void circulantOfSpecExampleHasShiftedRows() {
        NDArray circ = StructuredMatrices.circulant(manager.create(new float[] {0, 1, 2, 3}));
        assertEquals(new Shape(4, 4), circ.getShape());
        assertArrayEquals(
                new float[] {0, 3, 2, 1, 1, 0, 3, 2, 2, 1, 0, 3, 3, 2, 1, 0},
                circ.toFloatArray());
    }

    @Test
    void toeplitzOfSpecExampleHasConstantDiagonals() {
        NDArray toep = StructuredMatrices.toeplitz(manager.arange(0f, 7f));
        assertEquals(new Shape(4, 4), toep.getShape());
        assertArrayEquals(
                new float[] {3, 4, 5, 6, 2, 3, 4, 5, 1, 2, 3, 4, 0, 1, 2, 3},
                toep.toFloatArray());
    }

    @Test
    void toeplitzEmbeddingOfSpecExampleMatchesSpec() {
        NDArray w = StructuredMatrices.toeplitzCirculantEmbedding(manager.arange(0f, 7f));
        assertArrayEquals(new float[] {3, 2, 1, 0, 3, 6, 5, 4}, w.toFloatArray());
    }

    @Test
    void toeplitzIsTopLeftBlockOfItsCirculantEmbeddingForOddSize() {
        int n = 5;
        NDArray v = manager.arange(1f, 2f * n).mul(1.5f); // 2n - 1 = 9 distinct values
        float[] toep = StructuredMatrices.toeplitz(v).toFloatArray();
        float[] circ = StructuredMatrices.circulant(
                StructuredMatrices.toeplitzCirculantEmbedding(v)).toFloatArray();
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                assertEquals(toep[r * n + k], circ[r * 2 * n + k], 0f, "at " + r + "," + k);
            }
        }
    }

    @Test
    void dftCosAndSinMatchTheDefinitionForOddAndEvenSizes() {
        for (int n : new int[] {5, 8}) {
            float[] cos = StructuredMatrices.dftCos(manager, n).toFloatArray();
            float[] sin = StructuredMatrices.dftSin(manager, n).toFloatArray();
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    double angle = 2 * Math.PI * j * k / n;
                    assertEquals(Math.cos(angle), cos[j * n + k], 1e-6, "cos " + j + "," + k);
                    assertEquals(Math.sin(angle), sin[j * n + k], 1e-6, "sin " + j + "," + k);
                }
            }
        }
    }

    @Test
    void toeplitzRejectsEvenLengthWithClearMessage() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StructuredMatrices.toeplitz(manager.arange(0f, 6f)));
        assertTrue(e.getMessage().contains("odd length"), e.getMessage());
        assertTrue(e.getMessage().contains("6"), e.getMessage());
    }

    @Test
    void circulantRejectsMatrixInput() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StructuredMatrices.circulant(manager.ones(new Shape(2, 2))));
        assertTrue(e.getMessage().contains("(2, 2)"), e.getMessage());
    }
}
