/**
 * Rendering for notebooks: {@link org.sparsemixerlab.render.Html}, {@link org.sparsemixerlab.render.Markdown},
 * {@link org.sparsemixerlab.render.HtmlTable}, NDArray views, and {@link
 * org.sparsemixerlab.render.SmlRenderersExtension}, which registers renderers for library types in the
 * kernel's type-keyed renderer registry.
 */
package org.sparsemixerlab.render;
