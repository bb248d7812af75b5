package org.sparsemixerlab.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.CellMagic;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.sparsemixerlab.kernel.UsageError;

/**
 * Registers the general-purpose magics (found through {@code META-INF/services}, so it also loads in a
 * stock JJava kernel). A magic that the kernel already has (JJava's own {@code %classpath},
 * {@code %load}) is left in place.
 *
 * <p>Every magic is registered with its {@link MagicSpec}: {@code %name --help} prints the help made
 * from it, {@code %lsmagic} lists it, and a {@link MagicUsageException} becomes a {@link UsageError}
 * (an error reply with the message and the usage line, as IPython does), so Run All stops there.
 */
public final class SmlMagicsExtension implements Extension {

    static final MagicSpec LSMAGIC = MagicSpec.line("lsmagic", "", "List the available magics");
    static final MagicSpec HTML = MagicSpec.cell("html", "", "Show the cell body as HTML");
    static final MagicSpec MARKDOWN = MagicSpec.cell("markdown", "", "Show the cell body as Markdown");

    @Override
    public void install(BaseKernel kernel) {
        MagicsRegistry magics = kernel.getMagicsRegistry();
        MagicCatalog catalog = MagicCatalog.shared();
        LabState session = new LabState(); // what the lab magics share between cells; notebooks see it as LabSession
        LabSession.install(session);

        line(magics, catalog, LSMAGIC, (k, args) -> {
            LSMAGIC.parse(args).words().forEach(w -> {
                throw new MagicUsageException("%lsmagic takes no arguments, got '" + w + "'");
            });
            System.out.print(catalog.describe(k.getMagicsRegistry().getLineMagicNames(),
                    k.getMagicsRegistry().getCellMagicNames()));
            return null;
        });
        line(magics, catalog, TimeMagics.TIME, (k, args) -> TimeMagics.time(k, TimeMagics.lineCode(args)));
        cell(magics, catalog, TimeMagics.TIME_CELL, (k, args, body) -> TimeMagics.time(k, TimeMagics.cellCode(args, body)));
        line(magics, catalog, TimeMagics.TIMEIT, (k, args) -> TimeMagics.timeit(k, args, null));
        cell(magics, catalog, TimeMagics.TIMEIT_CELL, (k, args, body) -> TimeMagics.timeit(k, args, body));
        line(magics, catalog, ClasspathMagic.CLASSPATH, ClasspathMagic::add);
        line(magics, catalog, ClasspathMagic.JARS, ClasspathMagic::add);
        line(magics, catalog, LoadMagic.SPEC, LoadMagic::load);
        line(magics, catalog, "maven", MavenMagic.USAGE,
                "Resolve Maven artifacts with their dependencies; add the jars", MavenMagic::line);
        cell(magics, catalog, "loadFromPOM", LoadFromPomMagic.USAGE,
                "Resolve the body's POM dependencies; add the jars", LoadFromPomMagic::cell);
        cell(magics, catalog, HTML, (k, args, body) -> show(k, HTML, args, "text/html", body));
        cell(magics, catalog, MARKDOWN, (k, args, body) -> show(k, MARKDOWN, args, "text/markdown", body));

        line(magics, catalog, ConfigMagic.LINE, (k, args) -> ConfigMagic.line(k, session, args));
        cell(magics, catalog, ConfigMagic.CELL, (k, args, body) -> ConfigMagic.cell(k, session, args, body));
        line(magics, catalog, RoutingMagic.SPEC, (k, args) -> RoutingMagic.line(k, session, args));
        line(magics, catalog, ExpertsMagic.SPEC, (k, args) -> ExpertsMagic.line(k, session, args));
        line(magics, catalog, TrainMagic.SPEC, (k, args) -> TrainMagic.line(k, session, args));
        line(magics, catalog, AblateMagic.SPEC, AblateMagic::line);
        line(magics, catalog, DeviceMagic.DEVICE, (k, args) -> DeviceMagic.device(k, session, args));
        line(magics, catalog, DeviceMagic.SEED, (k, args) -> DeviceMagic.seed(k, session, args));
        line(magics, catalog, SpecializationMagic.SPEC, (k, args) -> SpecializationMagic.line(k, session, args));
        line(magics, catalog, LayerFlowMagic.SPEC, (k, args) -> LayerFlowMagic.line(k, session, args));
        line(magics, catalog, DropMapMagic.SPEC, (k, args) -> DropMapMagic.line(k, session, args));
        line(magics, catalog, StabilityMagic.SPEC, (k, args) -> StabilityMagic.line(k, session, args));
        line(magics, catalog, ConfidenceMagic.SPEC, (k, args) -> ConfidenceMagic.line(k, session, args));
    }

    /** Adds {@code --help} and turns usage mistakes into a {@link UsageError} reply. */
    static LineMagic<Object, BaseKernel> guarded(MagicSpec spec, LineMagic<?, BaseKernel> magic) {
        return (k, args) -> {
            if (spec.asksForHelp(args)) {
                System.out.print(spec.help());
                return null;
            }
            try {
                return magic.eval(k, args);
            } catch (MagicUsageException e) {
                throw new UsageError(e.getMessage(), spec.usage());
            }
        };
    }

    static CellMagic<Object, BaseKernel> guardedCell(MagicSpec spec, CellMagic<?, BaseKernel> magic) {
        return (k, args, body) -> {
            if (spec.asksForHelp(args)) {
                System.out.print(spec.help());
                return null;
            }
            try {
                return magic.eval(k, args, body);
            } catch (MagicUsageException e) {
                throw new UsageError(e.getMessage(), spec.usage());
            }
        };
    }

    private static Object show(BaseKernel kernel, MagicSpec spec, java.util.List<String> args, String mime, String body) {
        if (!spec.parse(args).words().isEmpty()) {
            throw new MagicUsageException(spec.invocation() + " takes no arguments; the HTML/Markdown is the cell body");
        }
        DisplayData data = new DisplayData(body);
        data.putData(mime, body);
        kernel.display(data);
        return null;
    }

    /**
     * Registers a line magic declared only by a usage string (for magics not yet given a {@link MagicSpec});
     * it still gets {@code --help} and UsageError replies.
     */
    static void line(MagicsRegistry magics, MagicCatalog catalog, String name, String usage, String summary,
                     LineMagic<?, BaseKernel> magic) {
        line(magics, catalog, MagicSpec.line(name, usage, summary), magic);
    }

    /** The cell-magic form of {@link #line(MagicsRegistry, MagicCatalog, String, String, String, LineMagic)}. */
    static void cell(MagicsRegistry magics, MagicCatalog catalog, String name, String usage, String summary,
                     CellMagic<?, BaseKernel> magic) {
        cell(magics, catalog, MagicSpec.cell(name, usage, summary), magic);
    }

    private static void line(MagicsRegistry magics, MagicCatalog catalog, MagicSpec spec, LineMagic<?, BaseKernel> magic) {
        catalog.add(spec);
        if (spec.resultType() != null) {
            org.sparsemixerlab.kernel.MagicResults.declare(spec.name(), spec.resultType());
        }
        if (!magics.getLineMagicNames().contains(spec.name())) {
            magics.registerLineMagic(spec.name(), guarded(spec, magic));
        }
    }

    private static void cell(MagicsRegistry magics, MagicCatalog catalog, MagicSpec spec, CellMagic<?, BaseKernel> magic) {
        catalog.add(spec);
        if (!magics.getCellMagicNames().contains(spec.name())) {
            magics.registerCellMagic(spec.name(), guardedCell(spec, magic));
        }
    }
}
