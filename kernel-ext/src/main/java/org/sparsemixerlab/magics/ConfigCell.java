package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemixerlab.config.ConfigError;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ConfigOverrideException;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.render.Html;
import org.sparsemixerlab.render.HtmlTable;
import org.sparsemixerlab.render.LayerMapStrip;

/**
 * The body of a {@code %%smconfig} cell applied to a preset: {@code key: value} lines (or {@code key =
 * value}; {@code #} starts a comment) on top of the preset, checked with {@link
 * ConfigJson#applyOverrides} and {@link ModelConfig#problems()}. Pure; the magic only displays it.
 *
 * @param preset the preset name
 * @param config the resulting config, or null when there are errors
 * @param errors every problem, with field, value and allowed range
 * @param changes fields that differ from the preset
 */
public record ConfigCell(String preset, ModelConfig config, List<ConfigError> errors,
        List<ConfigJson.FieldChange> changes) {

    /** Parses and validates a cell body on top of {@code preset}. */
    public static ConfigCell parse(String preset, String body) {
        ModelConfig base;
        try {
            base = Presets.get(preset);
        } catch (IllegalArgumentException e) {
            return failed(preset, new ConfigError("preset", preset, "one of " + String.join(", ", Presets.names()), ""));
        }
        List<ConfigError> errors = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        String[] lines = body == null ? new String[0] : body.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty()) {
                continue;
            }
            int sep = separator(content);
            if (sep <= 0) {
                errors.add(new ConfigError("line " + (i + 1), content, "key: value", "e.g. num_experts: 8"));
                continue;
            }
            String key = content.substring(0, sep).strip();
            if (overrides.containsKey(key)) {
                errors.add(new ConfigError(key, content.substring(sep + 1).strip(), "each key once",
                        "line " + (i + 1) + " repeats it"));
            }
            overrides.put(key, content.substring(sep + 1).strip());
        }
        if (overrides.isEmpty() && errors.isEmpty()) {
            return failed(preset, new ConfigError("body", "(empty)", "at least one 'key: value' line",
                    "e.g. num_experts: 8; to use " + preset + " unchanged call Presets.get(\"" + preset + "\")"));
        }
        if (!errors.isEmpty()) {
            return new ConfigCell(preset, null, errors, List.of());
        }
        ModelConfig c;
        try {
            c = ConfigJson.applyOverrides(base, overrides);
        } catch (ConfigOverrideException e) {
            return new ConfigCell(preset, null, e.errors(), List.of());
        } catch (IllegalArgumentException e) {
            return failed(preset, new ConfigError("body", overrides.toString(), "values of the right type",
                    e.getMessage()));
        }
        List<ConfigError> problems = c.problems();
        if (!problems.isEmpty()) {
            return new ConfigCell(preset, null, problems, ConfigJson.diff(base, c));
        }
        return new ConfigCell(preset, c, List.of(), ConfigJson.diff(base, c));
    }

    private static int separator(String line) {
        int colon = line.indexOf(':');
        int eq = line.indexOf('=');
        if (colon < 0) {
            return eq;
        }
        return eq < 0 ? colon : Math.min(colon, eq);
    }

    private static ConfigCell failed(String preset, ConfigError error) {
        return new ConfigCell(preset, null, List.of(error), List.of());
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The errors as a table (field, value, allowed, hint). */
    public HtmlTable errorTable() {
        HtmlTable t = HtmlTable.of("field", "value", "allowed", "hint");
        errors.forEach(e -> t.row(e.field(), e.value(), e.allowed(), e.hint() == null ? "" : e.hint()));
        return t;
    }

    /** The changes against the preset as a table. */
    public HtmlTable diffTable() {
        HtmlTable t = HtmlTable.of("field", preset, "this config");
        changes.forEach(ch -> t.row(ch.field(), ch.before(), ch.after()));
        return t;
    }

    /** Total and active parameters and training FLOPs per token. */
    public static HtmlTable sizeTable(ModelConfig c) {
        ModelSize s = ModelSize.of(c);
        return HtmlTable.of("size", "value")
                .row("total parameters", String.format(Locale.ROOT, "%,d", s.totalParams()))
                .row("active parameters per token", String.format(Locale.ROOT, "%,.0f", s.activeParamsPerToken()))
                .row("training FLOPs per token", String.format(Locale.ROOT, "%.3g", s.trainingFlopsPerToken()));
    }

    /** The whole report as HTML: errors, or diff + layer strip + size. */
    public Html html(String boundAs) {
        StringBuilder sb = new StringBuilder();
        if (!ok()) {
            sb.append("<p><b>").append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                    .append("</b>; nothing was bound").append(boundAs == null ? "" : " (" + boundAs + " keeps its previous value)")
                    .append(":</p>").append(errorTable().toHtml());
            return new Html(sb.toString());
        }
        sb.append("<p>").append(boundAs == null ? "config" : "<code>" + boundAs + "</code>").append(" = ")
                .append(preset).append(changes.isEmpty() ? " unchanged" : " with " + changes.size() + " change(s)")
                .append("</p>");
        if (!changes.isEmpty()) {
            sb.append(diffTable().toHtml());
        }
        sb.append(LayerMapStrip.html(config.layerMap())).append(sizeTable(config).toHtml());
        return new Html(sb.toString());
    }

    /** The report as plain text. */
    public String text(String boundAs) {
        if (!ok()) {
            StringBuilder sb = new StringBuilder(errors.size() + " error(s); nothing was bound:\n");
            errors.forEach(e -> sb.append("  ").append(e.message()).append('\n'));
            return sb.toString();
        }
        return (boundAs == null ? "config" : boundAs) + " = " + preset + " with changes:\n" + diffTable().toText()
                + LayerMapStrip.text(config.layerMap()) + "\n" + sizeTable(config).toText();
    }
}
