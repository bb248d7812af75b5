package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * A small table: HTML (cells escaped), Markdown and aligned plain text. Build with
 * {@code HtmlTable.of("name", "value").row("d_model", 512)}.
 */
public final class HtmlTable implements DisplayDataRenderable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private HtmlTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** A table with these column names. */
    public static HtmlTable of(String... columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column name");
        }
        return new HtmlTable(List.of(columns));
    }

    /** Appends a row; values are shown with {@code String.valueOf}. */
    public HtmlTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values but the table has "
                    + header.size() + " columns " + header);
        }
        List<String> r = new ArrayList<>();
        for (Object v : values) {
            r.add(String.valueOf(v));
        }
        rows.add(r);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            r.forEach(c -> sb.append("<td>").append(escape(c)).append("</td>"));
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", mdCells(header))).append(" |\n|");
        header.forEach(h -> sb.append(" --- |"));
        sb.append('\n');
        rows.forEach(r -> sb.append("| ").append(String.join(" | ", mdCells(r))).append(" |\n"));
        return sb.toString();
    }

    public String toText() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendText(sb, header, width);
        for (int c = 0; c < width.length; c++) {
            sb.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        sb.append('\n');
        rows.forEach(r -> appendText(sb, r, width));
        return sb.toString();
    }

    private static void appendText(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            String v = cells.get(c);
            sb.append(c == 0 ? "" : "  ").append(v).append(" ".repeat(width[c] - v.length()));
        }
        sb.append('\n');
    }

    private static List<String> mdCells(List<String> cells) {
        List<String> out = new ArrayList<>();
        cells.forEach(c -> out.add(c.replace("|", "\\|").replace("\n", " ")));
        return out;
    }

    /** Escapes text for HTML element content and double-quoted attribute values. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_MARKDOWN, MIMEType.TEXT_PLAIN);
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, this::toHtml);
        context.renderIfRequested(MIMEType.TEXT_MARKDOWN, this::toMarkdown);
        context.getOutputContainer().putText(toText());
    }

    @Override
    public String toString() {
        return toText();
    }
}
