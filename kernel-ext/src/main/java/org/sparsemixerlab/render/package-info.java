/**
 * Rendering for notebooks: {@link org.sparsemixerlab.render.Html}, {@link org.sparsemixerlab.render.Markdown},
 * {@link org.sparsemixerlab.render.HtmlTable}, NDArray views, and {@link
 * org.sparsemixerlab.render.SmlRenderersExtension}, which registers renderers for library types in the
 * kernel's type-keyed renderer registry (XChart charts as PNG and SVG, Tablesaw tables, layer maps,
 * routing plans and traced layers, ablation study summaries via {@link
 * org.sparsemixerlab.render.AblationReport}).
 *
 * <p>Pure chart and figure factories, usable without a kernel: {@link
 * org.sparsemixerlab.render.RoutingHeatmaps} (token-by-expert heatmaps, comparisons of two
 * routings), {@link org.sparsemixerlab.render.ExpertUtilizationCharts}, {@link
 * org.sparsemixerlab.render.TrainingCharts}, {@link org.sparsemixerlab.render.AblationTables} (the
 * Tablesaw comparison table of a study) and {@link org.sparsemixerlab.render.AblationCharts}. All drawing is headless.
 */
package org.sparsemixerlab.render;
