package org.sparsemixerlab.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/**
 * Registers the general-purpose magics (found through {@code META-INF/services}, so it also loads in a
 * stock JJava kernel). A magic that the kernel already has (JJava's own {@code %classpath},
 * {@code %load}) is left in place.
 */
public final class SmlMagicsExtension implements Extension {

    @Override
    public void install(BaseKernel kernel) {
        MagicsRegistry magics = kernel.getMagicsRegistry();
        MagicCatalog catalog = MagicCatalog.shared();

        line(magics, catalog, "lsmagic", "", "List the available magics",
                (k, args) -> {
                    System.out.print(catalog.describe(k.getMagicsRegistry().getLineMagicNames(),
                            k.getMagicsRegistry().getCellMagicNames()));
                    return null;
                });
        line(magics, catalog, "time", "<statement or expression>", "Run once; print CPU and wall time",
                (k, args) -> TimeMagics.time(k, String.join(" ", args)));
        cell(magics, catalog, "time", "", "Run the cell once; print CPU and wall time",
                (k, args, body) -> TimeMagics.time(k, body));
        line(magics, catalog, "timeit", "[-n LOOPS] [-r REPEATS] [-q] <statement>",
                "Time a statement over repeated loops; print mean \u00b1 std. dev. per loop",
                (k, args) -> TimeMagics.timeit(k, args, null));
        cell(magics, catalog, "timeit", "[-n LOOPS] [-r REPEATS] [-q]",
                "Time the cell body over repeated loops (no string-literal limits of the line form)",
                (k, args, body) -> TimeMagics.timeit(k, args, body));
        line(magics, catalog, "classpath", "<jar|folder|glob>...", "Add jars or class folders to the classpath",
                ClasspathMagic::add);
        line(magics, catalog, "jars", "<jar|glob>...", "Same as %classpath (IJava's name)", ClasspathMagic::add);
        line(magics, catalog, "load", "<file.java|.jsh>", "Run a Java/JShell source file as a cell", LoadMagic::load);
        line(magics, catalog, "maven", MavenMagic.USAGE, "Resolve Maven artifacts with their dependencies; add the jars", guarded("%maven " + MavenMagic.USAGE, MavenMagic::line));
        cell(magics, catalog, "loadFromPOM", LoadFromPomMagic.USAGE, "Resolve the body's POM dependencies; add the jars", guardedCell("%%loadFromPOM " + LoadFromPomMagic.USAGE, LoadFromPomMagic::cell));
        cell(magics, catalog, "html", "", "Show the cell body as HTML",
                (k, args, body) -> show(k, "text/html", body));
        cell(magics, catalog, "markdown", "", "Show the cell body as Markdown",
                (k, args, body) -> show(k, "text/markdown", body));

        line(magics, catalog, "smconfig", ConfigMagic.LINE_USAGE, "List presets; show the current config or a preset",
                guarded("%smconfig " + ConfigMagic.LINE_USAGE, ConfigMagic::line));
        cell(magics, catalog, "smconfig", ConfigMagic.CELL_USAGE,
                "Validated config from key: value lines on a preset: errors, diff, layer strip, size; binds var",
                guardedCell("%%smconfig " + ConfigMagic.CELL_USAGE, ConfigMagic::cell));
        line(magics, catalog, "routing", RoutingMagic.USAGE, "Token-by-expert routing heatmaps of a text",
                guarded("%routing " + RoutingMagic.USAGE, RoutingMagic::line));
        line(magics, catalog, "experts", ExpertsMagic.USAGE, "Tokens per expert of the last traced batch",
                guarded("%experts " + ExpertsMagic.USAGE, ExpertsMagic::line));
        line(magics, catalog, "train", TrainMagic.USAGE, "Short MLM+NSP pre-training with live curves",
                guarded("%train " + TrainMagic.USAGE, TrainMagic::line));
        line(magics, catalog, "ablate", AblateMagic.USAGE,
                "Run (resumable, live progress), load or list an ablation study; shows table and charts",
                guarded("%ablate " + AblateMagic.USAGE, AblateMagic::line));
        line(magics, catalog, "device", DeviceMagic.DEVICE_USAGE, "Show or choose the training device",
                guarded("%device " + DeviceMagic.DEVICE_USAGE, DeviceMagic::device));
        line(magics, catalog, "seed", DeviceMagic.SEED_USAGE, "Show or set the seed of %train and the engine",
                guarded("%seed " + DeviceMagic.SEED_USAGE, DeviceMagic::seed));
    }

    /** Prints a usage error (message and usage line) instead of a stack trace. */
    static LineMagic<Object, BaseKernel> guarded(String usage, LineMagic<Object, BaseKernel> magic) {
        return (k, args) -> {
            try {
                return magic.eval(k, args);
            } catch (MagicUsageException e) {
                usageError(usage, e);
                return null;
            }
        };
    }

    static CellMagic<Object, BaseKernel> guardedCell(String usage, CellMagic<Object, BaseKernel> magic) {
        return (k, args, body) -> {
            try {
                return magic.eval(k, args, body);
            } catch (MagicUsageException e) {
                usageError(usage, e);
                return null;
            }
        };
    }

    private static void usageError(String usage, MagicUsageException e) {
        System.err.println("UsageError: " + e.getMessage());
        System.err.println("usage: " + usage);
    }

    private static Object show(BaseKernel kernel, String mime, String body) {
        DisplayData data = new DisplayData(body);
        data.putData(mime, body);
        kernel.display(data);
        return null;
    }

    private static void line(MagicsRegistry magics, MagicCatalog catalog, String name, String usage, String summary,
                             LineMagic<?, BaseKernel> magic) {
        catalog.add(new MagicHelp(name, false, usage, summary));
        if (!magics.getLineMagicNames().contains(name)) {
            magics.registerLineMagic(name, magic);
        }
    }

    private static void cell(MagicsRegistry magics, MagicCatalog catalog, String name, String usage, String summary,
                             CellMagic<?, BaseKernel> magic) {
        catalog.add(new MagicHelp(name, true, usage, summary));
        if (!magics.getCellMagicNames().contains(name)) {
            magics.registerCellMagic(name, magic);
        }
    }
}
