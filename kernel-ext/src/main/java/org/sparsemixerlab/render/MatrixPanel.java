package org.sparsemixerlab.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A labelled matrix painted as coloured cells with their value written in, for the analysis
 * heatmaps (expert x token class, expert x expert). Colours come from a value in [-1, 1]: diverging
 * (blue below 0, white at 0, red above) or, for {@link Scale#SEQUENTIAL}, white at 0 to dark blue at 1.
 */
public final class MatrixPanel {
    /** How cell values map to colours. */
    public enum Scale { DIVERGING, SEQUENTIAL }

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font CELL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Color RED = new Color(178, 24, 43);
    private static final Color BLUE = new Color(33, 102, 172);
    private static final Color DARK = new Color(8, 48, 107);

    private MatrixPanel() {}

    /** The colour of {@code v} (clipped to [-1, 1], or [0, 1] when sequential). */
    public static Color colour(double v, Scale scale) {
        if (Double.isNaN(v)) {
            return new Color(235, 235, 235);
        }
        if (scale == Scale.SEQUENTIAL) {
            return mix(Color.WHITE, DARK, Math.max(0, Math.min(1, v)));
        }
        double t = Math.max(-1, Math.min(1, v));
        return t >= 0 ? mix(Color.WHITE, RED, t) : mix(Color.WHITE, BLUE, -t);
    }

    private static Color mix(Color a, Color b, double t) {
        return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /**
     * Paints the matrix.
     *
     * @param colours colour values {@code [ROWS][COLS]} (NaN: grey, no data)
     * @param text what each cell says {@code [ROWS][COLS]}
     * @param legend one line under the matrix saying what colour and numbers mean
     */
    public static BufferedImage paint(String title, String rowAxis, String[] rowLabels, String[] colLabels,
            double[][] colours, String[][] text, Scale scale, String legend) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(LABEL);
        FontMetrics fm = pg.getFontMetrics();
        int rowW = fm.stringWidth(rowAxis) + 8;
        for (String r : rowLabels) {
            rowW = Math.max(rowW, fm.stringWidth(r) + 12);
        }
        int cellW = 56;
        for (String c : colLabels) {
            cellW = Math.max(cellW, fm.stringWidth(c) + 10);
        }
        int titleW = pg.getFontMetrics(TITLE).stringWidth(title) + 20;
        int legendW = pg.getFontMetrics(CELL).stringWidth(legend) + 20;
        pg.dispose();
        int cellH = 26;
        int top = 48;
        int w = Math.max(Math.max(titleW, legendW), rowW + cellW * colLabels.length + 12);
        int h = top + cellH * rowLabels.length + 34;
        int cw = cellW;
        int rw = rowW;
        return ChartImages.paint(w, h, g -> {
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            g.drawString(title, 8, 18);
            g.setFont(LABEL);
            FontMetrics m = g.getFontMetrics();
            g.drawString(rowAxis, 8, top - 6);
            for (int c = 0; c < colLabels.length; c++) {
                int x = rw + c * cw;
                g.drawString(colLabels[c], x + (cw - m.stringWidth(colLabels[c])) / 2, top - 6);
            }
            for (int r = 0; r < rowLabels.length; r++) {
                int y = top + r * cellH;
                g.setColor(Color.BLACK);
                g.setFont(LABEL);
                g.drawString(rowLabels[r], 8, y + cellH / 2 + 5);
                for (int c = 0; c < colLabels.length; c++) {
                    int x = rw + c * cw;
                    Color fill = colour(colours[r][c], scale);
                    g.setColor(fill);
                    g.fillRect(x, y, cw, cellH);
                    g.setColor(new Color(200, 200, 200));
                    g.drawRect(x, y, cw, cellH);
                    double lum = 0.299 * fill.getRed() + 0.587 * fill.getGreen() + 0.114 * fill.getBlue();
                    g.setColor(lum < 120 ? Color.WHITE : Color.BLACK);
                    g.setFont(CELL);
                    FontMetrics cm = g.getFontMetrics();
                    g.drawString(text[r][c], x + (cw - cm.stringWidth(text[r][c])) / 2, y + cellH / 2 + 4);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.setFont(CELL);
            g.drawString(legend, 8, top + rowLabels.length * cellH + 22);
        });
    }
}
