/**
 * Rendering for notebooks: {@link org.sparsemixerlab.render.Html}, {@link org.sparsemixerlab.render.Markdown},
 * {@link org.sparsemixerlab.render.HtmlTable}, NDArray views, and {@link
 * org.sparsemixerlab.render.SmlRenderersExtension}, which registers renderers for library types in the
 * kernel's type-keyed renderer registry (XChart charts as PNG and SVG, Tablesaw tables, layer maps,
 * routing plans and traced layers).
 *
 * <p>Pure chart and figure factories, usable without a kernel: {@link
 * org.sparsemixerlab.render.RoutingHeatmaps} (token-by-expert heatmaps, comparisons of two
 * routings), {@link org.sparsemixerlab.render.ExpertUtilizationCharts} and {@link
 * org.sparsemixerlab.render.TrainingCharts}. All drawing is headless.
 */
package org.sparsemixerlab.render;
