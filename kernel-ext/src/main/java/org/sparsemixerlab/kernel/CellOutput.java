package org.sparsemixerlab.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** One output of an executed cell, in the shapes of nbformat's output types. */
public sealed interface CellOutput {

    /** stdout or stderr text (consecutive writes to the same stream are joined). */
    record Stream(String name, String text) implements CellOutput {}

    /** A {@code display(...)} output; its content is the latest update for its display id. */
    record Display(String displayId, JsonObject data, JsonObject metadata) implements CellOutput {}

    /** An update of a display published by an earlier cell. */
    record Update(String displayId, JsonObject data, JsonObject metadata) implements CellOutput {}

    /** The value of the cell's last expression. */
    record Result(JsonObject data, JsonObject metadata) implements CellOutput {}

    /** The cell failed. {@code traceback} lines may hold ANSI colours, as Jupyter's do. */
    record Error(String ename, String evalue, List<String> traceback) implements CellOutput {}

    /** MIME type → payload of a display bundle, e.g. {@code "image/png" → base64}. */
    static JsonObject dataOf(DisplayData bundle) {
        return section(bundle, "data");
    }

    static JsonObject metadataOf(DisplayData bundle) {
        return section(bundle, "metadata");
    }

    private static JsonObject section(DisplayData bundle, String name) {
        JsonObject all = new Gson().toJsonTree(bundle).getAsJsonObject();
        return all.has(name) && all.get(name).isJsonObject() ? all.getAsJsonObject(name) : new JsonObject();
    }
}
