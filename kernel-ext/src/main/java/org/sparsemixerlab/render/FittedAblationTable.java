package org.sparsemixerlab.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The comparison table of {@link AblationTables#table} laid out to fit a notebook page (about 980 px):
 *
 * <ul>
 *   <li>a column with the same cell in every row is folded into a note line under the table, e.g.
 *       {@code nsp_accuracy: 0.5104 ± 0.0000 in every row}; a difference column that is zero in
 *       every row likewise;
 *   <li>each quality metric shows its mean ± std and, on a second line, its difference to the
 *       baseline in one cell; each speed its ratio and, on a second line, its tokens/s;
 *   <li>quality (with the claim check) and cost (speed, parameters, routing health) are two tables
 *       of the same rows;
 *   <li>a paper claim is a numbered footnote under the tables; its row shows the mark and the
 *       number, e.g. {@code ≈ [1]}, and the footnote says the claim, its source, the verdict in
 *       words and the numbers behind it.
 * </ul>
 *
 * @param quality header and rows of the quality table (first column the variant)
 * @param cost header and rows of the cost table (empty when every cost column was folded)
 * @param baselineRow index of the baseline row, or -1
 * @param notes folded columns, one line each
 * @param footnotes the claims, numbered from 1
 */
public record FittedAblationTable(List<List<String>> quality, List<List<String>> cost, int baselineRow,
        List<String> notes, List<String> footnotes) {

    public FittedAblationTable {
        quality = List.copyOf(quality);
        cost = List.copyOf(cost);
        notes = List.copyOf(notes);
        footnotes = List.copyOf(footnotes);
    }

    private static final String DELTA = AblationTables.deltaColumn("");

    /** Lays out the full table {@code t} (as {@link AblationTables#table} builds it). */
    public static FittedAblationTable of(Table t) {
        int rows = t.rowCount();
        List<String> names = t.columnNames();
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (Column<?> c : t.columns()) {
            List<String> v = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                v.add(c.getString(r));
            }
            cells.put(c.name(), v);
        }
        List<String> notes = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        for (String name : names) {
            if (name.equals(AblationTables.VARIANT) || name.equals(AblationTables.CLAIM) || name.equals(AblationTables.MARK)
                    || name.equals(AblationTables.REASON) || rows < 2) {
                continue;
            }
            List<String> v = cells.get(name);
            boolean same = v.stream().distinct().count() == 1 && !v.get(0).isBlank() && !v.get(0).equals("-");
            if (name.startsWith(DELTA) && v.stream().allMatch(FittedAblationTable::zeroDifference)) {
                folded.add(name);
                if (!folded.contains(name.substring(DELTA.length()))) {
                    notes.add(name + ": " + v.get(0).split(" ")[0] + " in every row (no difference to the baseline)");
                }
            } else if (same) {
                folded.add(name);
                String delta = AblationTables.deltaColumn(name);
                boolean zeroDelta = cells.containsKey(delta)
                        && cells.get(delta).stream().allMatch(FittedAblationTable::zeroDifference);
                notes.add((name.equals(AblationTables.N) ? "n (completed seeds)" : name) + ": " + v.get(0)
                        + " in every row" + (zeroDelta ? " (no difference to the baseline)" : ""));
            }
        }
        if (cells.containsKey(AblationTables.LEFT_BEHIND) && !folded.contains(AblationTables.LEFT_BEHIND)) {
            notes.add(AblationTables.LEFT_BEHIND + ": share of the routed positions of a training batch that no expert"
                    + " processed, [PAD] included when the config routes padding (%routing counts real tokens apart)");
        }
        List<String> footnotes = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            String claim = cell(cells, AblationTables.CLAIM, r);
            String mark = cell(cells, AblationTables.MARK, r);
            if (claim.isEmpty()) {
                marks.add(mark);
                continue;
            }
            footnotes.add("[" + (footnotes.size() + 1) + "] " + bareVariant(cells.get(AblationTables.VARIANT).get(r))
                    + ": " + claim + ". " + mark + " " + verdictWords(mark) + ": " + cell(cells, AblationTables.REASON, r));
            marks.add((mark + " [" + footnotes.size() + "]").trim());
        }
        List<List<String>> quality = new ArrayList<>();
        List<List<String>> cost = new ArrayList<>();
        List<String> qHeader = new ArrayList<>(List.of(AblationTables.VARIANT));
        List<String> cHeader = new ArrayList<>(List.of(AblationTables.VARIANT));
        List<String> qCols = new ArrayList<>();
        List<String> cCols = new ArrayList<>();
        for (String name : names) {
            if (folded.contains(name) || name.equals(AblationTables.VARIANT) || name.equals(AblationTables.CLAIM)
                    || name.equals(AblationTables.MARK) || name.equals(AblationTables.REASON)
                    || name.startsWith(DELTA) || name.endsWith(" tok/s")) {
                continue;
            }
            boolean isQuality = names.contains(AblationTables.deltaColumn(name)) || name.equals(AblationTables.N);
            (isQuality ? qCols : cCols).add(name);
            // dots and underscores become spaces so that long metric names wrap in the header
            String header = name.replace('.', ' ').replace('_', ' ');
            if (name.endsWith(" speed") && names.contains(name.replace(" speed", " tok/s"))) {
                header = header + " (tok/s)";
            } else if (names.contains(AblationTables.deltaColumn(name))
                    && !folded.contains(AblationTables.deltaColumn(name))) {
                header = header + " (\u0394)";
            }
            (isQuality ? qHeader : cHeader).add(header);
        }
        boolean anyClaim = !footnotes.isEmpty();
        if (anyClaim) {
            qHeader.add("paper claim");
        }
        quality.add(qHeader);
        cost.add(cHeader);
        int baseline = -1;
        for (int r = 0; r < rows; r++) {
            String variant = cells.get(AblationTables.VARIANT).get(r);
            baseline = variant.contains(AblationTables.BASELINE_SUFFIX) ? r : baseline;
            List<String> q = new ArrayList<>(List.of(variant));
            for (String name : qCols) {
                String delta = AblationTables.deltaColumn(name);
                boolean showDelta = cells.containsKey(delta) && !folded.contains(delta)
                        && !variant.contains(AblationTables.BASELINE_SUFFIX);
                q.add(cells.get(name).get(r) + (showDelta ? "\n" + cells.get(delta).get(r) : ""));
            }
            if (anyClaim) {
                q.add(marks.get(r));
            }
            quality.add(q);
            List<String> c = new ArrayList<>(List.of(variant));
            for (String name : cCols) {
                String perSecond = name.replace(" speed", " tok/s");
                boolean withRate = name.endsWith(" speed") && cells.containsKey(perSecond);
                c.add(cells.get(name).get(r) + (withRate ? "\n" + cells.get(perSecond).get(r) : ""));
            }
            cost.add(c);
        }
        return new FittedAblationTable(quality, cCols.isEmpty() ? List.of() : cost, baseline, notes, footnotes);
    }

    private static String cell(Map<String, List<String>> cells, String column, int row) {
        List<String> v = cells.get(column);
        return v == null ? "" : v.get(row);
    }

    private static String bareVariant(String cell) {
        return cell.replace(AblationTables.BASELINE_SUFFIX, "");
    }

    /** Whether a difference cell reads zero, e.g. {@code +0.0000 ± 0.0000}, {@code -0.0000} or {@code +0.0000}. */
    static boolean zeroDifference(String cell) {
        String first = cell.split(" ")[0];
        try {
            return Double.parseDouble(first) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The words of a mark: agrees, disagrees, cannot tell apart, inconclusive. */
    static String verdictWords(String mark) {
        return switch (mark) {
            case "\u2713" -> "agrees";
            case "\u2717" -> "disagrees";
            case "\u2248" -> "cannot tell apart";
            case "?" -> "inconclusive";
            default -> "";
        };
    }

    /** Number of columns of the quality table. */
    public int qualityColumns() {
        return quality.get(0).size();
    }

    /** Number of columns of the cost table (0 when there is none). */
    public int costColumns() {
        return cost.isEmpty() ? 0 : cost.get(0).size();
    }

    /** The tables, notes and footnotes as HTML; two-line cells break with {@code <br>}, the second line small. */
    public String html(String caption) {
        StringBuilder sb = new StringBuilder();
        htmlTable(sb, quality, caption);
        if (!cost.isEmpty()) {
            htmlTable(sb, cost, null);
        }
        if (!notes.isEmpty() || !footnotes.isEmpty()) {
            sb.append("<div style=\"font-size:90%;max-width:960px\">\n");
            for (String n : notes) {
                sb.append("<div>").append(HtmlTable.escape(n)).append("</div>\n");
            }
            for (String f : footnotes) {
                sb.append("<div style=\"margin-top:2px\">").append(HtmlTable.escape(f)).append("</div>\n");
            }
            sb.append("</div>\n");
        }
        return sb.toString();
    }

    private void htmlTable(StringBuilder sb, List<List<String>> t, String caption) {
        sb.append("<table>\n");
        if (caption != null && !caption.isBlank()) {
            sb.append("<caption>").append(HtmlTable.escape(caption)).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (String h : t.get(0)) {
            sb.append("<th>").append(HtmlTable.escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 1; r < t.size(); r++) {
            sb.append(r - 1 == baselineRow ? "<tr style=\"font-weight:bold\">" : "<tr>");
            List<String> row = t.get(r);
            for (int c = 0; c < row.size(); c++) {
                String[] lines = row.get(c).split("\n", 2);
                sb.append(c == 0 ? "<td style=\"text-align:left\">" : "<td style=\"text-align:right;white-space:nowrap\">")
                        .append(HtmlTable.escape(lines[0]));
                if (lines.length > 1) {
                    sb.append("<br><small>").append(HtmlTable.escape(lines[1])).append("</small>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /** Plain text: each table with two-line cells joined by a space, then the notes and footnotes. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(textTable(quality));
        if (!cost.isEmpty()) {
            sb.append('\n').append(textTable(cost));
        }
        notes.forEach(n -> sb.append(n).append('\n'));
        footnotes.forEach(f -> sb.append(f).append('\n'));
        return sb.toString();
    }

    private static String textTable(List<List<String>> t) {
        HtmlTable h = HtmlTable.of(t.get(0).toArray(String[]::new));
        for (int r = 1; r < t.size(); r++) {
            h.row(t.get(r).stream().map(c -> c.replace("\n", " ")).toArray());
        }
        return h.toText();
    }
}
