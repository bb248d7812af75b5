package org.sparsemixerlab.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several XChart charts in one PNG, laid out in rows of {@code columns}; the text form lists the
 * chart titles. Useful for a single live display that holds loss, accuracy and routing curves.
 *
 * @param charts the charts, row by row
 * @param columns charts per row
 */
public record ChartGrid(List<? extends Chart<?, ?>> charts, int columns) implements DisplayDataRenderable {

    public ChartGrid {
        charts = List.copyOf(charts);
        if (charts.isEmpty() || columns < 1) {
            throw new IllegalArgumentException("a chart grid needs at least one chart and one column; got "
                    + charts.size() + " charts, " + columns + " columns");
        }
    }

    /** Rows needed. */
    public int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    /** PNG bytes of the grid. */
    public byte[] png() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(charts, rows(), Math.min(columns, charts.size()), out,
                    BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart grid: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** The chart titles, one a line. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        charts.forEach(c -> sb.append(c.getTitle()).append('\n'));
        return sb.toString();
    }

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG, MIMEType.TEXT_PLAIN);
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.base64(png()));
        context.getOutputContainer().putText(toText());
    }
}
