package org.sparsemixerlab.render;

import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several XChart charts as one {@link Figure}, laid out in rows of {@code columns} (a last row with
 * fewer charts is left-aligned); the text form lists the chart titles and series. Charts styled by
 * {@link ChartStyle} at {@link ChartStyle#HALF_WIDTH} in two columns fill the page's width.
 *
 * @param charts the charts, row by row
 * @param columns charts per row
 */
public record ChartGrid(List<? extends Chart<?, ?>> charts, int columns) implements Figure {

    public ChartGrid {
        charts = List.copyOf(charts);
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a chart grid needs at least one chart and one column; got "
                    + charts.size() + " charts, " + columns + " columns");
        }
    }

    /** One chart as a figure. */
    public static ChartGrid of(Chart<?, ?> chart) {
        return new ChartGrid(List.of(chart), 1);
    }

    /** Rows needed. */
    public int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    @Override
    public int width() {
        int w = 0;
        for (int r = 0; r < rows(); r++) {
            int row = 0;
            for (Chart<?, ?> c : row(r)) {
                row += c.getWidth();
            }
            w = Math.max(w, row);
        }
        return w;
    }

    @Override
    public int height() {
        int h = 0;
        for (int r = 0; r < rows(); r++) {
            h += rowHeight(r);
        }
        return h;
    }

    private List<? extends Chart<?, ?>> row(int r) {
        return charts.subList(r * columns, Math.min(charts.size(), (r + 1) * columns));
    }

    private int rowHeight(int r) {
        return row(r).stream().mapToInt(Chart::getHeight).max().orElse(0);
    }

    private void paint(Graphics2D g) {
        int y = 0;
        for (int r = 0; r < rows(); r++) {
            int x = 0;
            for (Chart<?, ?> c : row(r)) {
                Graphics2D part = (Graphics2D) g.create(x, y, c.getWidth(), c.getHeight());
                try {
                    c.paint(part, c.getWidth(), c.getHeight());
                } finally {
                    part.dispose();
                }
                x += c.getWidth();
            }
            y += rowHeight(r);
        }
    }

    /** PNG bytes of the grid. */
    @Override
    public byte[] png() {
        return ChartImages.png(ChartImages.paint(width(), height(), this::paint));
    }

    @Override
    public String svg() {
        return ChartImages.svg(width(), height(), this::paint, text());
    }

    /** The chart titles and their series, one a line. */
    @Override
    public String text() {
        StringBuilder sb = new StringBuilder();
        charts.forEach(c -> sb.append(SmlRenderersExtension.chartText(c)).append('\n'));
        return sb.toString();
    }

    /** The same as {@link #text()} (kept for callers of the older name). */
    public String toText() {
        return text();
    }

    @Override
    public String toString() {
        return text();
    }
}
