package org.sparsemixerlab.kernel;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes a notebook's code cells in order with an in-process kernel (no Python, no ZeroMQ), writes
 * {@code NAME.executed.ipynb} and {@code NAME.html} (images inline) into an output folder, and stops
 * at the first failing cell unless that cell is tagged {@code raises-exception}.
 */
public final class NotebookRunner {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final KernelSession session;

    public NotebookRunner(KernelSession session) {
        this.session = session;
    }

    /**
     * Outcome of one notebook.
     *
     * @param failedCell 0-based index of the failing cell, or -1
     */
    public record Report(Path notebook, Path executed, Path html, int codeCells, int failedCell, String error,
                         long millis) {
        public boolean ok() {
            return failedCell < 0;
        }

        public String summary() {
            return (ok() ? "OK    " : "FAILED ") + notebook + ": " + codeCells + " code cells in " + millis + " ms -> "
                    + executed + ", " + html + (ok() ? "" : "\n  cell " + failedCell + ": " + error);
        }
    }

    public Report run(Path notebook, Path outDir, boolean inPlace) throws IOException {
        long t0 = System.nanoTime();
        JsonObject nb = JsonParser.parseString(Files.readString(notebook, StandardCharsets.UTF_8)).getAsJsonObject();
        JsonArray cells = nb.getAsJsonArray("cells");
        Map<String, List<JsonObject>> displays = new HashMap<>();
        int codeCells = 0;
        int failed = -1;
        String error = null;
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            if (failed >= 0) {
                cell.add("outputs", new JsonArray());
                cell.add("execution_count", null);
                continue;
            }
            codeCells++;
            CellResult result = session.execute(sourceOf(cell));
            cell.add("outputs", toJson(result, displays));
            cell.addProperty("execution_count", result.executionCount());
            if (result.failed() && !tags(cell).contains("raises-exception")) {
                failed = i;
                CellOutput.Error e = result.error().orElseThrow();
                error = e.ename() + ": " + e.evalue();
            }
        }
        setKernelMetadata(nb);
        Files.createDirectories(outDir);
        String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Path executed = outDir.resolve(name + ".executed.ipynb");
        String json = GSON.toJson(nb) + "\n";
        Files.writeString(executed, json, StandardCharsets.UTF_8);
        if (inPlace) {
            Files.writeString(notebook, json, StandardCharsets.UTF_8);
        }
        Path html = outDir.resolve(name + ".html");
        Files.writeString(html, NotebookHtml.render(name, nb), StandardCharsets.UTF_8);
        return new Report(notebook, executed, html, codeCells, failed, error, (System.nanoTime() - t0) / 1_000_000);
    }

    static String sourceOf(JsonObject cell) {
        JsonElement src = cell.get("source");
        if (src == null) {
            return "";
        }
        if (src.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            src.getAsJsonArray().forEach(e -> sb.append(e.getAsString()));
            return sb.toString();
        }
        return src.getAsString();
    }

    static List<String> tags(JsonObject cell) {
        List<String> out = new ArrayList<>();
        JsonObject meta = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
        if (meta.has("tags")) {
            meta.getAsJsonArray("tags").forEach(t -> out.add(t.getAsString()));
        }
        return out;
    }

    private static JsonArray toJson(CellResult result, Map<String, List<JsonObject>> displays) {
        JsonArray out = new JsonArray();
        for (CellOutput o : result.outputs()) {
            JsonObject j = new JsonObject();
            if (o instanceof CellOutput.Stream) {
                CellOutput.Stream s = (CellOutput.Stream) o;
                j.addProperty("output_type", "stream");
                j.addProperty("name", s.name());
                j.addProperty("text", s.text());
            } else if (o instanceof CellOutput.Display) {
                CellOutput.Display d = (CellOutput.Display) o;
                j.addProperty("output_type", "display_data");
                j.add("data", d.data());
                j.add("metadata", d.metadata());
                if (d.displayId() != null) {
                    displays.computeIfAbsent(d.displayId(), k -> new ArrayList<>()).add(j);
                }
            } else if (o instanceof CellOutput.Update) {
                CellOutput.Update u = (CellOutput.Update) o;
                for (JsonObject earlier : displays.getOrDefault(u.displayId(), List.of())) {
                    earlier.add("data", u.data());
                    earlier.add("metadata", u.metadata());
                }
                continue;
            } else if (o instanceof CellOutput.Result) {
                CellOutput.Result r = (CellOutput.Result) o;
                j.addProperty("output_type", "execute_result");
                j.addProperty("execution_count", result.executionCount());
                j.add("data", r.data());
                j.add("metadata", r.metadata());
            } else {
                CellOutput.Error e = (CellOutput.Error) o;
                j.addProperty("output_type", "error");
                j.addProperty("ename", e.ename());
                j.addProperty("evalue", e.evalue());
                JsonArray tb = new JsonArray();
                e.traceback().forEach(tb::add);
                j.add("traceback", tb);
            }
            out.add(j);
        }
        return out;
    }

    private static void setKernelMetadata(JsonObject nb) {
        JsonObject meta = nb.has("metadata") ? nb.getAsJsonObject("metadata") : new JsonObject();
        JsonObject spec = new JsonObject();
        spec.addProperty("display_name", "Java (Sparse Mixer)");
        spec.addProperty("language", "java");
        spec.addProperty("name", SmlKernel.KERNEL_NAME);
        meta.add("kernelspec", spec);
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "java");
        lang.addProperty("file_extension", ".jshell");
        lang.addProperty("mimetype", "text/x-java-source");
        lang.addProperty("version", Runtime.version().feature() + "");
        meta.add("language_info", lang);
        nb.add("metadata", meta);
    }
}
