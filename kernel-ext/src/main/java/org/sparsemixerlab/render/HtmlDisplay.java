package org.sparsemixerlab.render;

import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Something shown as {@code text/html}, with a {@code text/plain} fallback for consoles and
 * front ends without HTML. Implementations provide the two texts; the MIME handling lives here.
 */
public interface HtmlDisplay extends DisplayDataRenderable {

    /** The HTML fragment. */
    String html();

    /** The plain-text fallback. */
    String text();

    @Override
    default Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN);
    }

    @Override
    default Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.TEXT_HTML);
    }

    @Override
    default void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_HTML, this::html);
        context.getOutputContainer().putText(text());
    }
}
