package org.sparsemixerlab.render;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.sparsemixerlab.ablation.StudySummary;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.LayerMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.RoutingTrace;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Registers renderers for the library's types in the kernel's renderer registry (keyed by type, the
 * lookup walks superclasses and interfaces). {@code BufferedImage} → PNG is built into jjava-jupyter.
 * A later extension adds its own types the same way:
 * <pre>
 * kernel.getRenderer().createRegistration(MyType.class)
 *       .preferring(MIMEType.IMAGE_PNG).supporting(MIMEType.TEXT_HTML)
 *       .register((value, ctx) -&gt; { ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -&gt; base64Png(value)); ... });
 * </pre>
 * Every render function should also fill {@code text/plain} so frontends without the rich type still
 * show something.
 */
public final class SmlRenderersExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        Renderer renderer = kernel.getRenderer();
        renderer.createRegistration(NDArray.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .supporting(MIMEType.TEXT_HTML)
                .register((array, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> NDArrayView.html(array));
                    ctx.getOutputContainer().putText(NDArrayView.text(array));
                });
        renderer.createRegistration(ModelConfig.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_MARKDOWN)
                .register((config, ctx) -> {
                    HtmlTable table = configTable(config);
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, table::toHtml);
                    ctx.renderIfRequested(MIMEType.TEXT_MARKDOWN, table::toMarkdown);
                    ctx.getOutputContainer().putText(table.toText());
                });
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG, MIMEType.IMAGE_SVG)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.base64(ChartImages.png(chart)));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> ChartImages.svg(chart));
                    ctx.getOutputContainer().putText(chartText(chart));
                });
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TablesawHtml.html(table, TablesawHtml.MAX_ROWS));
                    ctx.getOutputContainer().putText(TablesawHtml.text(table, TablesawHtml.MAX_ROWS));
                });
        renderer.createRegistration(LayerMap.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((map, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> LayerMapStrip.html(map));
                    ctx.getOutputContainer().putText(LayerMapStrip.text(map));
                });
        renderer.createRegistration(RoutingPlan.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((plan, ctx) -> RoutingSummaries.of(plan).render(ctx));
        renderer.createRegistration(RoutingTrace.Layer.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((layer, ctx) -> RoutingSummaries.of(layer).render(ctx));
        renderer.createRegistration(StudySummary.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((summary, ctx) -> AblationReport.of(summary).render(ctx));
    }

    /** The text fallback of a chart: its title and series names. */
    public static String chartText(Chart<?, ?> chart) {
        StringBuilder sb = new StringBuilder(chart.getTitle() == null ? "chart" : chart.getTitle());
        chart.getSeriesCollection().stream().filter(s -> s.isShowInLegend())
                .forEach(s -> sb.append("\n  series: ").append(s.getName()));
        return sb.toString();
    }

    /** A two-column table of a config's JSON keys and values. */
    public static HtmlTable configTable(ModelConfig config) {
        HtmlTable table = HtmlTable.of("key", "value");
        for (Map.Entry<String, String> e : ConfigJson.asMap(config).entrySet()) {
            table.row(e.getKey(), e.getValue());
        }
        return table;
    }
}
