package org.sparsemixerlab.render;

import java.util.Set;
import org.dflib.jjava.jupyter.kernel.display.DisplayDataRenderable;
import org.dflib.jjava.jupyter.kernel.display.RenderContext;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/** Markdown text; renders as {@code text/markdown} with the source as the text/plain fallback. */
public record Markdown(String markdown) implements DisplayDataRenderable {

    @Override
    public Set<MIMEType> getSupportedRenderTypes() {
        return Set.of(MIMEType.TEXT_MARKDOWN, MIMEType.TEXT_PLAIN);
    }

    @Override
    public Set<MIMEType> getPreferredRenderTypes() {
        return Set.of(MIMEType.TEXT_MARKDOWN);
    }

    @Override
    public void render(RenderContext context) {
        context.renderIfRequested(MIMEType.TEXT_MARKDOWN, () -> markdown);
        context.getOutputContainer().putText(markdown);
    }
}
