package org.sparsemixerlab.magics;

import java.util.List;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.sparsemixerlab.config.ConfigKeys;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.render.HtmlTable;
import org.sparsemixerlab.render.SmlRenderersExtension;

/** {@code %smconfig} (presets and the current config; {@code --keys}: every config key) and {@code %%smconfig} (a validated config cell). */
public final class ConfigMagic {

    static final MagicSpec LINE = MagicSpec.line("smconfig", "[preset]", "List presets; show the current config or a preset",
            MagicOption.flag("keys", "list every config key: type, default, range, description"));
    static final MagicSpec CELL = MagicSpec.cell("smconfig", "[preset]",
            "Validated config from key: value lines on a preset: errors, diff, layer strip, size; binds var",
            MagicOption.text("as", "var", "also bind the config to this notebook variable"))
            .details("body: one 'key: value' (or key = value) line per changed field; # starts a comment.\n"
                    + "example:\n  %%smconfig sparse-mixer-tiny --as cfg\n  num_experts: 8\n  router_topk: 1");
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private ConfigMagic() {
    }

    /** Lists the presets and shows the current config (or the named preset). */
    public static Object line(BaseKernel kernel, LabState session, List<String> args) {
        MagicArgs a = LINE.parse(args);
        if (a.flag("keys")) {
            if (!a.words().isEmpty()) {
                throw new MagicUsageException("%smconfig --keys takes nothing else, got " + a.words());
            }
            show(kernel, keyTable());
            return null;
        }
        if (a.words().size() > 1) {
            throw new MagicUsageException("%smconfig takes at most one preset name, got " + a.words());
        }
        if (a.words().size() == 1) {
            String name = a.words().get(0);
            if (!Presets.names().contains(name)) {
                throw new MagicUsageException("unknown preset '" + name + "'; presets: " + String.join(", ", Presets.names()));
            }
            show(kernel, SmlRenderersExtension.configTable(Presets.get(name)));
            return null;
        }
        HtmlTable presets = HtmlTable.of("preset", "description");
        Presets.all().forEach(p -> presets.row(p.name(), p.description()));
        show(kernel, presets);
        System.out.println("current config (change it with a %%smconfig cell):");
        show(kernel, SmlRenderersExtension.configTable(session.config()));
        return null;
    }

    /** Applies the body to a preset; on success binds the config (and the notebook variable of {@code --as}). */
    public static Object cell(BaseKernel kernel, LabState session, List<String> args, String body) {
        MagicArgs a = CELL.parse(args);
        if (a.words().size() > 1) {
            throw new MagicUsageException("%%smconfig takes at most one preset name, got " + a.words());
        }
        String var = a.text("as");
        if (var != null && !JAVA_NAME.matcher(var).matches()) {
            throw new MagicUsageException("--as needs a Java variable name, got '" + var + "'");
        }
        String preset = a.words().isEmpty() ? LabState.DEFAULT_PRESET : a.words().get(0);
        ConfigCell result = ConfigCell.parse(preset, body);
        if (result.ok()) {
            String name = var == null ? "config" : var;
            session.bind(name, result.config());
            if (var != null && kernel != null) {
                kernel.evalRaw("org.sparsemixerlab.config.ModelConfig " + var
                        + " = org.sparsemixerlab.magics.LabSession.config(\"" + var + "\");");
            }
        }
        DisplayData data = new DisplayData(result.text(var));
        data.putHTML(result.html(var).html());
        if (kernel != null) {
            kernel.display(data);
        }
        if (!result.ok()) {
            throw new MagicUsageException(result.errors().size() + (result.errors().size() == 1 ? " error" : " errors")
                    + " in the %%smconfig cell, nothing was bound: " + result.errors().get(0).message()
                    + (result.errors().size() > 1 ? " (all are listed above)" : ""));
        }
        return null;
    }

    /** Every config key with its group, type, default, allowed values and meaning (from {@code ConfigKeys}). */
    static HtmlTable keyTable() {
        HtmlTable t = HtmlTable.of("key", "group", "type", "default", "allowed", "description");
        for (List<String> row : ConfigKeys.listing()) {
            t.row(row.toArray(new String[0]));
        }
        return t;
    }

    private static void show(BaseKernel kernel, HtmlTable table) {
        kernel.display(kernel.getRenderer().render(table));
    }
}
