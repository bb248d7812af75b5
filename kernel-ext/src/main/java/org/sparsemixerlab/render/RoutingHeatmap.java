package org.sparsemixerlab.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * One MoE layer's routing of one token sequence as a token-by-expert grid: rows are tokens (top to
 * bottom in text order), columns experts. A cell's shade is the combine weight of a kept pairing (the
 * router probability; white = the token was not sent there), a red cross marks a pairing dropped
 * because the expert was full, and a red row label marks a token that no expert processed (it passes
 * through the residual connection only). Built by {@link RoutingHeatmaps}; drawn with {@link
 * HeatmapFigure}.
 *
 * @param title panel title, e.g. {@code layer 1: experts-choose, cf 1.0}
 * @param tokens row labels {@code [SEQ]}
 * @param weights combine weight of kept pairings {@code [SEQ][E]}, 0 elsewhere
 * @param dropped dropped pairings {@code [SEQ][E]}
 * @param leftBehind tokens with no kept pairing {@code [SEQ]}
 * @param capacity slots per expert (C)
 * @param account real tokens and padding counted apart, router confidence against uniform (null
 *     when unknown, e.g. for a hand-made plan)
 */
public record RoutingHeatmap(String title, List<String> tokens, float[][] weights, boolean[][] dropped,
        boolean[] leftBehind, int capacity, RoutingAccount account) {

    static final int CELL_W = 38;
    static final int CELL_H = 17;
    static final int TOP = 62;
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = ChartStyle.font(Font.PLAIN, 11);
    static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    static final Color LEFT_BEHIND = new Color(200, 30, 30);

    public RoutingHeatmap {
        tokens = List.copyOf(tokens);
        if (weights.length != tokens.size() || dropped.length != tokens.size() || leftBehind.length != tokens.size()) {
            throw new IllegalArgumentException("a heatmap needs one row per token: " + tokens.size() + " tokens but "
                    + weights.length + " weight rows, " + dropped.length + " dropped rows, " + leftBehind.length
                    + " left-behind flags");
        }
    }

    /** A panel without an account of padding and confidence. */
    public RoutingHeatmap(String title, List<String> tokens, float[][] weights, boolean[][] dropped,
            boolean[] leftBehind, int capacity) {
        this(title, tokens, weights, dropped, leftBehind, capacity, null);
    }

    /**
     * The lines under the figure about this panel: where padding went and how confident the router
     * is against a uniform router (empty without an account).
     */
    public List<String> notes() {
        if (account == null) {
            return List.of();
        }
        return java.util.stream.Stream.of(account.paddingText(), account.confidenceText(), account.firstChoiceText())
                .filter(x -> !x.isEmpty()).toList();
    }

    /** Number of experts (columns). */
    public int experts() {
        return weights.length == 0 ? 0 : weights[0].length;
    }

    /** Number of tokens marked left behind. */
    public int leftBehindCount() {
        int n = 0;
        for (boolean b : leftBehind) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Number of dropped pairings. */
    public int droppedCount() {
        int n = 0;
        for (boolean[] row : dropped) {
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
        }
        return n;
    }

    /** Kept pairings per expert (column sums of non-zero weights). */
    public int[] tokensPerExpert() {
        int[] n = new int[experts()];
        for (float[] row : weights) {
            for (int e = 0; e < row.length; e++) {
                n[e] += row[e] > 0 ? 1 : 0;
            }
        }
        return n;
    }

    int labelWidth(FontMetrics fm) {
        int w = fm.stringWidth("token");
        for (String t : tokens) {
            w = Math.max(w, fm.stringWidth("\u2717 " + t));
        }
        return Math.min(w, 160) + 28;
    }

    /** Width of this panel in pixels when painted with {@code g}'s fonts. */
    int width(Graphics2D g) {
        int grid = labelWidth(g.getFontMetrics(LABEL)) + Math.max(experts() * CELL_W, 160) + 12;
        int text = Math.max(g.getFontMetrics(BOLD).stringWidth(title), g.getFontMetrics(SMALL).stringWidth(subtitle()));
        return Math.max(grid, text + 24);
    }

    private String subtitle() {
        if (account != null) {
            return String.format(Locale.ROOT, "C = %d slots per expert; %d dropped, %s", capacity, droppedCount(),
                    account.leftBehindText());
        }
        return String.format(Locale.ROOT, "C = %d slots per expert; %d dropped, %d of %d tokens left behind",
                capacity, droppedCount(), leftBehindCount(), tokens.size());
    }

    int height() {
        return TOP + tokens.size() * CELL_H + 8;
    }

    /** Paints the panel with its top-left corner at (x, y). */
    void paint(Graphics2D g, int x, int y) {
        FontMetrics fm = g.getFontMetrics(LABEL);
        int labelW = labelWidth(fm);
        int gridX = x + labelW;
        int gridY = y + TOP;
        g.setColor(Color.BLACK);
        g.setFont(BOLD);
        g.drawString(title, x + 4, y + 16);
        g.setFont(SMALL);
        g.setColor(Color.DARK_GRAY);
        int[] perExpert = tokensPerExpert();
        g.drawString(subtitle(), x + 4, y + 31);
        g.setFont(LABEL);
        g.setColor(Color.BLACK);
        g.drawString("expert (tokens shown kept)", gridX, y + 45);
        g.setFont(SMALL);
        for (int e = 0; e < experts(); e++) {
            String h = e + " (" + perExpert[e] + ")";
            g.drawString(h, gridX + e * CELL_W + (CELL_W - g.getFontMetrics().stringWidth(h)) / 2, gridY - 4);
        }
        AffineTransform saved = g.getTransform();
        g.setFont(LABEL);
        g.rotate(-Math.PI / 2, x + 12, gridY + 40);
        g.drawString("token", x + 12, gridY + 40);
        g.setTransform(saved);
        for (int r = 0; r < tokens.size(); r++) {
            int cy = gridY + r * CELL_H;
            String label = tokens.get(r);
            while (fm.stringWidth(label) > labelW - 40 && label.length() > 3) {
                label = label.substring(0, label.length() - 2) + "\u2026";
            }
            g.setFont(LABEL);
            g.setColor(leftBehind[r] ? LEFT_BEHIND : Color.BLACK);
            String shown = leftBehind[r] ? "\u2717 " + label : label;
            g.drawString(shown, gridX - 6 - fm.stringWidth(shown), cy + CELL_H - 4);
            for (int e = 0; e < experts(); e++) {
                int cx = gridX + e * CELL_W;
                float w = weights[r][e];
                g.setColor(HeatmapFigure.shade(w));
                g.fillRect(cx, cy, CELL_W, CELL_H);
                if (w > 0) {
                    g.setFont(SMALL);
                    g.setColor(w > 0.55f ? Color.WHITE : Color.BLACK);
                    String v = String.format(Locale.ROOT, "%.2f", w);
                    g.drawString(v, cx + (CELL_W - g.getFontMetrics().stringWidth(v)) / 2, cy + CELL_H - 5);
                }
                if (dropped[r][e]) {
                    g.setColor(LEFT_BEHIND);
                    g.setStroke(new BasicStroke(1.6f));
                    g.drawLine(cx + 4, cy + 3, cx + CELL_W - 4, cy + CELL_H - 3);
                    g.drawLine(cx + 4, cy + CELL_H - 3, cx + CELL_W - 4, cy + 3);
                    g.setStroke(new BasicStroke(1f));
                }
            }
            if (leftBehind[r]) {
                g.setColor(LEFT_BEHIND);
                g.fillRect(gridX - 3, cy + 1, 2, CELL_H - 2);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(gridX, gridY, experts() * CELL_W, tokens.size() * CELL_H);
    }

    /** A text grid: one line per token, weights per expert, {@code x} for dropped, {@code LEFT BEHIND}. */
    public String toText() {
        StringBuilder sb = new StringBuilder(title).append(" (").append(subtitle()).append(")\n");
        notes().forEach(n -> sb.append("  ").append(n).append('\n'));
        int w = tokens.stream().mapToInt(String::length).max().orElse(5);
        sb.append(" ".repeat(w));
        for (int e = 0; e < experts(); e++) {
            sb.append(String.format(Locale.ROOT, "  e%-3d", e));
        }
        sb.append('\n');
        for (int r = 0; r < tokens.size(); r++) {
            sb.append(tokens.get(r)).append(" ".repeat(w - tokens.get(r).length()));
            for (int e = 0; e < experts(); e++) {
                sb.append(dropped[r][e] ? "   x  " : weights[r][e] > 0
                        ? String.format(Locale.ROOT, "  %.2f", weights[r][e]) : "   .  ");
            }
            sb.append(leftBehind[r] ? "  LEFT BEHIND" : "").append('\n');
        }
        return sb.toString();
    }

    /** This panel alone as an image (with the colour scale). */
    public BufferedImage image() {
        return new HeatmapFigure(List.of(this)).image();
    }
}
