package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Help texts for magics, keyed by invocation ({@code %name} / {@code %%name}). Extensions that register
 * a magic add its help here too; {@code %lsmagic} prints the catalog and lists registered magics that
 * have no entry.
 */
public final class MagicCatalog {

    private static final MagicCatalog SHARED = new MagicCatalog();

    private final Map<String, MagicHelp> entries = new ConcurrentHashMap<>();

    /** The catalog every extension in this JVM writes to. */
    public static MagicCatalog shared() {
        return SHARED;
    }

    /** Adds or replaces the help of one magic. */
    public MagicCatalog add(MagicHelp help) {
        entries.put(help.invocation(), help);
        return this;
    }

    /** Adds or replaces the entry of a magic from its declaration. */
    public MagicCatalog add(MagicSpec spec) {
        return add(spec.catalogEntry());
    }

    /** All entries, line magics first, then by name. */
    public List<MagicHelp> entries() {
        List<MagicHelp> out = new ArrayList<>(entries.values());
        out.sort(Comparator.comparing(MagicHelp::cell).thenComparing(MagicHelp::name));
        return out;
    }

    /**
     * The {@code %lsmagic} text: catalogued magics that are registered, then registered ones without
     * help. Catalog entries whose magic is not registered in this kernel are left out.
     */
    public String describe(Set<String> lineMagics, Set<String> cellMagics) {
        StringBuilder sb = new StringBuilder();
        section(sb, "Line magics:", false, lineMagics);
        section(sb, "Cell magics:", true, cellMagics);
        sb.append("Line magics also work after '=': var x = %magic args. Magic results are printed or displayed.\n");
        sb.append("%name --help shows a magic's options.\n");
        return sb.toString();
    }

    private void section(StringBuilder sb, String title, boolean cell, Set<String> registered) {
        sb.append(title).append('\n');
        List<MagicHelp> known = new ArrayList<>();
        for (MagicHelp h : entries()) {
            if (h.cell() == cell && registered.contains(h.name())) {
                known.add(h);
            }
        }
        final int column = 36;
        for (MagicHelp h : known) {
            String left = h.invocation() + (h.usage().isEmpty() ? "" : " " + h.usage());
            sb.append("  ").append(left);
            if (left.length() + 2 > column) {
                // long synopsis: the summary goes on its own line, indented to the summary column
                sb.append('\n').append(" ".repeat(column + 2));
            } else {
                sb.append(" ".repeat(column - left.length()));
            }
            sb.append(h.summary()).append('\n');
        }
        registered.stream().sorted().filter(n -> known.stream().noneMatch(h -> h.name().equals(n)))
                .forEach(n -> sb.append("  ").append(cell ? "%%" : "%").append(n).append("  (no description)\n"));
    }
}
