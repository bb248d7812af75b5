package org.sparsemixerlab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * One or more {@link RoutingHeatmap} panels side by side above one explained colour scale. Under
 * the panels, one line per panel fact that the grid cannot show (where the padding went, the
 * router's confidence against a uniform router) and the figure's own notes (e.g. a truncated
 * text). A {@link Figure}: renders as {@code image/png}, {@code image/svg+xml} and a text grid;
 * {@code save} writes PNG, SVG or HTML.
 *
 * @param panels the panels, left to right
 * @param notes lines about the whole figure, drawn above the panels' notes (e.g. a truncation warning)
 */
public record HeatmapFigure(List<RoutingHeatmap> panels, List<String> notes) implements Figure {

    static final int LEGEND_H = 92;
    static final int MIN_WIDTH = 640;
    private static final Color HIGH = new Color(8, 48, 107);

    public HeatmapFigure {
        panels = List.copyOf(panels);
        notes = List.copyOf(notes);
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a heatmap figure needs at least one panel");
        }
    }

    /** A figure without notes of its own (the panels' notes are still drawn). */
    public HeatmapFigure(List<RoutingHeatmap> panels) {
        this(panels, List.of());
    }

    /** This figure with {@code more} notes after its own. */
    public HeatmapFigure withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new HeatmapFigure(panels, all);
    }

    /**
     * Every line written under the panels: the figure's notes, then each panel's notes prefixed
     * with the panel's layer when there are several panels.
     */
    public List<String> noteLines() {
        List<String> out = new java.util.ArrayList<>(notes);
        for (RoutingHeatmap p : panels) {
            String prefix = panels.size() > 1 ? p.title().split(":")[0] + ": " : "";
            for (String n : p.notes()) {
                out.add(prefix + n);
            }
        }
        if (panels.size() > 1) {
            // Panels of one layer under two settings share their first words; keep each line once.
            out = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(out));
        }
        return out;
    }

    /** The colour of a combine weight in [0, 1]: white to dark blue. */
    public static Color shade(float w) {
        float t = Math.max(0f, Math.min(1f, w));
        return new Color(Math.round(255 + (HIGH.getRed() - 255) * t), Math.round(255 + (HIGH.getGreen() - 255) * t),
                Math.round(255 + (HIGH.getBlue() - 255) * t));
    }

    /** Figure width in pixels. */
    public int width() {
        return measure()[0];
    }

    /** Figure height in pixels. */
    public int height() {
        return measure()[1];
    }

    private int[] measure() {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            int w = 0;
            int h = 0;
            for (RoutingHeatmap p : panels) {
                w += p.width(g);
                h = Math.max(h, p.height());
            }
            int width = Math.max(w, MIN_WIDTH) + 8;
            return new int[] {width, h + LEGEND_H + wrappedNotes(g, width).size() * NOTE_H + 6};
        } finally {
            g.dispose();
        }
    }

    static final int NOTE_H = 16;

    /** The note lines wrapped to the figure's width. */
    private List<String> wrappedNotes(Graphics2D g, int width) {
        java.awt.FontMetrics fm = g.getFontMetrics(RoutingHeatmap.LABEL);
        List<String> out = new java.util.ArrayList<>();
        for (String line : noteLines()) {
            StringBuilder cur = new StringBuilder("\u2022");
            for (String word : line.split(" ")) {
                if (fm.stringWidth(cur + " " + word) > width - 24 && cur.length() > 1) {
                    out.add(cur.toString());
                    cur = new StringBuilder("  ");
                }
                cur.append(' ').append(word);
            }
            out.add(cur.toString());
        }
        return out;
    }

    private void paint(Graphics2D g) {
        int x = 4;
        int h = 0;
        for (RoutingHeatmap p : panels) {
            p.paint(g, x, 4);
            x += p.width(g);
            h = Math.max(h, p.height());
        }
        List<String> lines = wrappedNotes(g, measure()[0]);
        g.setFont(RoutingHeatmap.LABEL);
        g.setColor(Color.BLACK);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), 12, h + 18 + i * NOTE_H);
        }
        paintLegend(g, 12, h + 14 + lines.size() * NOTE_H + 6);
    }

    private static void paintLegend(Graphics2D g, int x, int y) {
        int barW = 200;
        for (int i = 0; i < barW; i++) {
            g.setColor(shade(i / (float) (barW - 1)));
            g.fillRect(x + i, y, 1, 14);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, y, barW, 14);
        g.setColor(Color.BLACK);
        g.setFont(RoutingHeatmap.SMALL);
        g.drawString("0", x, y + 26);
        g.drawString("0.5", x + barW / 2 - 7, y + 26);
        g.drawString("1", x + barW - 5, y + 26);
        g.setFont(RoutingHeatmap.LABEL);
        g.drawString("shade = combine weight (router probability", x + barW + 12, y + 11);
        g.drawString("of a kept token-expert pairing); white = not routed", x + barW + 12, y + 25);
        int y2 = y + 42;
        g.setColor(RoutingHeatmap.LEFT_BEHIND);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(x + 2, y2, x + 18, y2 + 12);
        g.drawLine(x + 2, y2 + 12, x + 18, y2);
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawString("dropped: the token chose this expert but it was full (tokens-choose)", x + 26, y2 + 11);
        g.setColor(RoutingHeatmap.LEFT_BEHIND);
        g.drawString("\u2717 token", x, y2 + 31);
        g.setColor(Color.BLACK);
        g.drawString("left behind: no expert processed it; only the residual carries it on", x + 62, y2 + 31);
    }

    /** The figure as an image. */
    public BufferedImage image() {
        int[] size = measure();
        return ChartImages.paint(size[0], size[1], this::paint);
    }

    /** The figure as SVG text. */
    public String svg() {
        int[] size = measure();
        return ChartImages.svg(size[0], size[1], this::paint, toText());
    }

    /** The text grids of all panels. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        notes.forEach(n -> sb.append(n).append('\n'));
        panels.forEach(p -> sb.append(p.toText()).append('\n'));
        return sb.append("(numbers are combine weights; x = dropped pairing; LEFT BEHIND = no expert processed it)")
                .toString();
    }

    /**
     * PNG only in the notebook: the panels place their text by Java's font metrics, and a browser's
     * sans-serif drawing the SVG's text is wider (labels ran into the grid in Chromium); {@code
     * save("x.svg")} still writes the SVG.
     */
    @Override
    public java.util.Set<org.dflib.jjava.jupyter.kernel.display.mime.MIMEType> getPreferredRenderTypes() {
        return java.util.Set.of(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.IMAGE_PNG);
    }

    @Override
    public byte[] png() {
        return ChartImages.png(image());
    }

    @Override
    public String text() {
        return toText();
    }

    @Override
    public String toString() {
        return toText();
    }
}
