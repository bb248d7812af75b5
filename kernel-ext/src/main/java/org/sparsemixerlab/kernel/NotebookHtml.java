package org.sparsemixerlab.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** A self-contained HTML page of an executed notebook: sources, text, HTML, and PNG images inline. */
final class NotebookHtml {
    private NotebookHtml() {
    }

    static String render(String title, JsonObject nb) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:auto}"
                        + "pre{background:#f6f6f6;padding:.5em;overflow-x:auto}pre.src{border-left:3px solid #79a}"
                        + "pre.err{background:#fdd}.md{margin:1em 0}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px}</style></head><body>\n");
        for (JsonElement c : nb.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            String source = NotebookRunner.sourceOf(cell);
            String type = cell.get("cell_type").getAsString();
            if (!"code".equals(type)) {
                h.append("<div class=\"md\"><pre>").append(escape(source)).append("</pre></div>\n");
                continue;
            }
            h.append("<pre class=\"src\">").append(escape(source)).append("</pre>\n");
            if (!cell.has("outputs")) {
                continue;
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                output(h, o.getAsJsonObject());
            }
        }
        return h.append("</body></html>\n").toString();
    }

    private static void output(StringBuilder h, JsonObject o) {
        String type = o.get("output_type").getAsString();
        if ("stream".equals(type)) {
            h.append("<pre>").append(escape(o.get("text").getAsString())).append("</pre>\n");
        } else if ("error".equals(type)) {
            StringBuilder tb = new StringBuilder();
            o.getAsJsonArray("traceback").forEach(l -> tb.append(stripAnsi(l.getAsString())).append('\n'));
            h.append("<pre class=\"err\">").append(escape(tb.toString())).append("</pre>\n");
        } else {
            JsonObject data = o.getAsJsonObject("data");
            if (data.has("image/png")) {
                h.append("<img src=\"data:image/png;base64,").append(data.get("image/png").getAsString().strip())
                        .append("\">\n");
            } else if (data.has("image/svg+xml")) {
                h.append(data.get("image/svg+xml").getAsString()).append('\n');
            } else if (data.has("text/html")) {
                h.append("<div>").append(data.get("text/html").getAsString()).append("</div>\n");
            } else if (data.has("text/markdown")) {
                h.append("<div class=\"md\"><pre>").append(escape(data.get("text/markdown").getAsString()))
                        .append("</pre></div>\n");
            } else if (data.has("text/plain")) {
                h.append("<pre>").append(escape(data.get("text/plain").getAsString())).append("</pre>\n");
            }
        }
    }

    static String stripAnsi(String s) {
        return s.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
