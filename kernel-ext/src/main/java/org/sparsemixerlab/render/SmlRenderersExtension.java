package org.sparsemixerlab.render;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;

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
