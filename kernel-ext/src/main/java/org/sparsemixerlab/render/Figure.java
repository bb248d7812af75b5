package org.sparsemixerlab.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * A picture a magic drew and handed back: {@code var fig = %routing call me ishmael} binds it, a
 * later cell shows it again by naming it, and {@link #save(Path)} keeps it as a file.
 *
 * <p>Displayed, a figure offers {@code image/png} and {@code image/svg+xml} (Jupyter Notebook shows
 * the SVG, sharp at any zoom) with a {@code text/plain} fallback.
 */
public interface Figure extends DisplayDataRenderable {

    /** Width in pixels (the PNG's width, the SVG's width in CSS pixels). */
    int width();

    /** Height in pixels. */
    int height();

    /** The figure as PNG bytes. */
    byte[] png();

    /** The figure as a standalone SVG document. */
    String svg();

    /** A text description (titles, series, numbers) for frontends without images. */
    String text();

    /** A standalone HTML page that shows the figure (its SVG inline) under its text form as a caption. */
    default String html() {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>figure</title></head>\n<body>\n<figure>\n"
                + svg().replaceFirst("^<\\?xml[^>]*>\\s*", "").replaceFirst("(?s)^<!DOCTYPE[^>]*>\\s*", "")
                + "\n<figcaption><pre>" + HtmlTable.escape(text()) + "</pre></figcaption>\n</figure>\n</body></html>\n";
    }

    /**
     * Writes the figure to {@code path} in the format its extension names: {@code .png}, {@code .svg},
     * {@code .html}/{@code .htm}. The file is written next to its final place and moved there in one
     * step, so a reader never sees half a file; missing parent folders are created.
     *
     * @return the absolute path written
     * @throws IllegalArgumentException for another extension
     */
    default Path save(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        byte[] bytes;
        if (name.endsWith(".png")) {
            bytes = png();
        } else if (name.endsWith(".svg")) {
            bytes = svg().getBytes(StandardCharsets.UTF_8);
        } else if (name.endsWith(".html") || name.endsWith(".htm")) {
            bytes = html().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new IllegalArgumentException("cannot save a figure as '" + path.getFileName()
                    + "': expected a file name ending in .png, .svg or .html (e.g. fig.save(Path.of(\"routing.svg\")))");
        }
        Path target = path.toAbsolutePath().normalize();
        try {
            org.sparsemixerlab.model.AtomicFiles.write(target, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** {@link #save(Path)} with a path given as text. */
    default Path save(String path) {
        return save(Path.of(path));
    }

    @Override
    default Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG, MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN);
    }

    @Override
    default Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.IMAGE_PNG, MIMEType.IMAGE_SVG);
    }

    @Override
    default void render(RenderContext context) {
        context.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.base64(png()));
        context.renderIfRequested(MIMEType.IMAGE_SVG, this::svg);
        context.getOutputContainer().putText(text());
    }
}
