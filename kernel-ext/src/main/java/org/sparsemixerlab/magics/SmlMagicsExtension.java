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
        cell(magics, catalog, "html", "", "Show the cell body as HTML",
                (k, args, body) -> show(k, "text/html", body));
        cell(magics, catalog, "markdown", "", "Show the cell body as Markdown",
                (k, args, body) -> show(k, "text/markdown", body));
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
