package org.sparsemixerlab.workshop;

import ai.djl.ndarray.NDArray;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.render.ChartImages;

/**
 * Pictures of mixing matrices for the workshop: each entry one square, blue for negative, white
 * for zero, red for positive, scaled by the largest magnitude (printed under the picture). Row r is
 * the output position, column k the input position, as in {@code Y = W · X}.
 */
public final class MatrixPicture {
    private MatrixPicture() {}

    private static final int SIDE = 224;
    private static final int TITLE = 22;
    private static final int FOOT = 18;
    private static final int GAP = 16;
    private static final int MIN_STRIP = 24;

    /** A titled picture of a 2-D matrix {@code [ROWS, COLS]}. */
    public static BufferedImage of(String title, NDArray matrix) {
        if (matrix.getShape().dimension() != 2) {
            throw new IllegalArgumentException("MatrixPicture.of expects a 2-D matrix, got shape " + matrix.getShape()
                    + "; pick one matrix, for example with .get(0) on a batch.");
        }
        int rows = (int) matrix.getShape().get(0);
        int cols = (int) matrix.getShape().get(1);
        double[] flat = toDoubles(matrix);
        double[][] m = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, m[r], 0, cols);
        }
        return of(title, m);
    }

    /** A titled picture of {@code m[ROWS][COLS]}. */
    public static BufferedImage of(String title, double[][] m) {
        int rows = m.length;
        int cols = m[0].length;
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        double scale = max == 0 ? 1 : max;
        int cellW = Math.max(1, SIDE / Math.max(rows, cols));
        int cellH = rows * cellW < MIN_STRIP ? Math.max(cellW, MIN_STRIP / rows) : cellW;
        int width = Math.max(Math.max(SIDE, cellW * cols), 7 * title.length()) + 8;
        int height = TITLE + cellH * rows + FOOT + 4;
        String foot = String.format(Locale.ROOT, "%dx%d, |max| %.3g", rows, cols, max);
        return ChartImages.paint(width, height, g -> {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            g.setColor(Color.BLACK);
            g.drawString(title, 4, 15);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    g.setColor(shade(m[r][c] / scale));
                    g.fillRect(4 + c * cellW, TITLE + r * cellH, cellW, cellH);
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.setColor(Color.DARK_GRAY);
            g.drawString(foot, 4, TITLE + rows * cellH + 14);
        });
    }

    /** Pictures placed side by side, top-aligned. */
    public static BufferedImage side(List<BufferedImage> pictures) {
        int width = pictures.stream().mapToInt(BufferedImage::getWidth).sum() + GAP * (pictures.size() - 1);
        int height = pictures.stream().mapToInt(BufferedImage::getHeight).max().orElse(1);
        return ChartImages.paint(width, height, g -> {
            int x = 0;
            for (BufferedImage p : pictures) {
                g.drawImage(p, x, 0, null);
                x += p.getWidth() + GAP;
            }
        });
    }

    /** Blue (-1) to white (0) to red (+1). */
    static Color shade(double v) {
        double a = Math.max(-1, Math.min(1, v));
        int fade = (int) Math.round(255 * (1 - Math.abs(a)));
        return a >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }

    private static double[] toDoubles(NDArray a) {
        float[] f = a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = f[i];
        }
        return out;
    }
}
