package org.sparsemixerlab.render;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as an HTML table (cells escaped, numbers right-aligned) and as plain text.
 * Long tables show their first and last rows with a gap row between.
 */
public final class TablesawHtml {

    /** Rows shown before a long table is cut. */
    public static final int MAX_ROWS = 40;

    private TablesawHtml() {
    }

    /** HTML of at most {@code maxRows} rows (head and tail when longer). */
    public static String html(Table table, int maxRows) {
        StringBuilder sb = new StringBuilder("<table>\n");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption>").append(HtmlTable.escape(table.name())).append(" (")
                    .append(table.rowCount()).append(" rows)</caption>\n");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th>").append(HtmlTable.escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        int n = table.rowCount();
        int head = n <= maxRows ? n : maxRows / 2;
        int tailFrom = n <= maxRows ? n : n - (maxRows - head);
        for (int r = 0; r < n; r++) {
            if (r == head && head < tailFrom) {
                sb.append("<tr><td colspan=\"").append(table.columnCount()).append("\">\u2026 ")
                        .append(tailFrom - head).append(" more rows \u2026</td></tr>\n");
                r = tailFrom - 1;
                continue;
            }
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean number = c.type().name().matches("INTEGER|LONG|SHORT|DOUBLE|FLOAT");
                sb.append(number ? "<td style=\"text-align:right\">" : "<td>")
                        .append(HtmlTable.escape(c.getString(r))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>").toString();
    }

    /** Plain text as Tablesaw prints it. */
    public static String text(Table table, int maxRows) {
        return table.print(maxRows);
    }
}
