package org.sparsemixerlab.workshop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixPictureTest {

    @Test
    void shadesNegativeBlueZeroWhitePositiveRed() {
        assertEquals(new Color(0, 0, 255), MatrixPicture.shade(-1));
        assertEquals(Color.WHITE, MatrixPicture.shade(0));
        assertEquals(new Color(255, 0, 0), MatrixPicture.shade(2));
    }

    @Test
    void paintsTheLargestPositiveEntryFullRed() {
        BufferedImage image = MatrixPicture.of("t", new double[][] {{0, 4}, {-2, 1}});
        // 2 x 2 matrix: cells of 112 px, the grid starts at x = 4, y = 22; entry (0, 1) is the maximum.
        assertEquals(new Color(255, 0, 0).getRGB(), image.getRGB(4 + 112 + 50, 22 + 50));
        assertEquals(Color.WHITE.getRGB(), image.getRGB(4 + 50, 22 + 50));
    }

    @Test
    void placesPicturesSideBySide() {
        BufferedImage a = MatrixPicture.of("a", new double[][] {{1}});
        BufferedImage both = MatrixPicture.side(List.of(a, a));
        assertTrue(both.getWidth() > 2 * a.getWidth(), "width " + both.getWidth());
        assertEquals(a.getHeight(), both.getHeight());
    }

    @Test
    void rejectsAnArrayThatIsNotAMatrix() {
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MatrixPicture.of("x", m.zeros(new Shape(2, 2, 2))));
            assertTrue(e.getMessage().contains("expects a 2-D matrix, got shape (2, 2, 2)"), e.getMessage());
        }
    }
}
