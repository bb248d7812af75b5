package org.sparsemixerlab.render;

/** An HTML fragment; renders as {@code text/html} with the source as the text/plain fallback. */
public record Html(String html) implements HtmlDisplay {

    @Override
    public String text() {
        return html;
    }
}
