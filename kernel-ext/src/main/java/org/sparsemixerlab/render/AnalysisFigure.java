package org.sparsemixerlab.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * One routing-analysis view as the notebook shows it: image panels laid out in a grid (PNG), notes
 * that say how to read them, and a table of the numbers. Renders as {@code image/png}, {@code
 * text/html} (title, the image, notes and the table) and {@code text/plain} (title, notes, table).
 *
 * @param title what the view shows
 * @param panels images, row by row
 * @param columns panels per row
 * @param notes sentences under the image
 * @param table the numbers behind the picture
 */
public record AnalysisFigure(String title, List<BufferedImage> panels, int columns, List<String> notes,
        HtmlTable table) implements DisplayDataRenderable {

    private static final int GAP = 8;

    public AnalysisFigure {
        panels = List.copyOf(panels);
        notes = List.copyOf(notes);
        if (panels.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("an analysis figure needs at least one panel and one column; got "
                    + panels.size() + " panels, " + columns + " columns");
        }
    }

    /** All panels in one image. */
    public BufferedImage image() {
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        int[] colW = new int[cols];
        int[] rowH = new int[rows];
        for (int i = 0; i < panels.size(); i++) {
            colW[i % cols] = Math.max(colW[i % cols], panels.get(i).getWidth());
            rowH[i / cols] = Math.max(rowH[i / cols], panels.get(i).getHeight());
        }
        int w = GAP;
        for (int c : colW) {
            w += c + GAP;
        }
        int h = GAP;
        for (int r : rowH) {
            h += r + GAP;
        }
        return ChartImages.paint(w, h, g -> place(g, cols, colW, rowH));
    }

    private void place(Graphics2D g, int cols, int[] colW, int[] rowH) {
        int y = GAP;
        for (int r = 0; r < rowH.length; r++) {
            int x = GAP;
            for (int c = 0; c < cols && r * cols + c < panels.size(); c++) {
                g.drawImage(panels.get(r * cols + c), x, y, Color.WHITE, null);
                x += colW[c] + GAP;
            }
            y += rowH[r] + GAP;
        }
    }

    /** PNG bytes of {@link #image()}. */
    public byte[] png() {
        return ChartImages.png(image());
    }

    public String toHtml() {
        StringBuilder sb = new StringBuilder("<div class=\"sml-analysis\">\n<h4>").append(HtmlTable.escape(title))
                .append("</h4>\n<img alt=\"").append(HtmlTable.escape(title)).append("\" src=\"data:image/png;base64,")
                .append(ChartImages.base64(png())).append("\"/>\n");
        if (!notes.isEmpty()) {
            sb.append("<ul>\n");
            notes.forEach(n -> sb.append("<li>").append(HtmlTable.escape(n)).append("</li>\n"));
            sb.append("</ul>\n");
        }
        if (table != null) {
            sb.append(table.toHtml()).append('\n');
        }
        return sb.append("</div>").toString();
    }

    public String toText() {
        StringBuilder sb = new StringBuilder(title).append('\n');
        notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        if (table != null) {
            sb.append('\n').append(table.toText());
        }
        return sb.toString();
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG, MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN);
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.base64(png()));
        context.renderIfRequested(MIMEType.TEXT_HTML, this::toHtml);
        context.getOutputContainer().putText(toText());
    }

    @Override
    public String toString() {
        return toText();
    }
}
