package org.sparsemixerlab.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import jdk.jshell.SourceCodeAnalysis;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

/** Tab completion (Java names and magic names) and Shift-Tab documentation. */
final class CodeAssist {

    private final SourceCodeAnalysis analysis;
    private final MagicsRegistry magics;

    CodeAssist(SourceCodeAnalysis analysis, MagicsRegistry magics) {
        this.analysis = analysis;
        this.magics = magics;
    }

    ReplacementOptions complete(String code, int at) {
        int cursor = Math.max(0, Math.min(at, code.length()));
        ReplacementOptions magic = completeMagic(code, cursor);
        if (magic != null) {
            return magic;
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        Set<String> typed = new LinkedHashSet<>();
        Set<String> other = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            (s.matchesType() ? typed : other).add(s.continuation());
        }
        List<String> all = new ArrayList<>(typed);
        other.stream().filter(s -> !typed.contains(s)).forEach(all::add);
        return all.isEmpty() ? null : new ReplacementOptions(all, anchor[0], cursor);
    }

    /** Completes {@code %na} / {@code %%na} at the start of a line with registered magic names. */
    private ReplacementOptions completeMagic(String code, int cursor) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String line = code.substring(lineStart, cursor);
        String trimmed = line.stripLeading();
        if (!trimmed.matches("%%?[\\w-]*")) {
            return null;
        }
        boolean cell = trimmed.startsWith("%%");
        String prefix = trimmed.substring(cell ? 2 : 1);
        Set<String> names = new TreeSet<>(cell ? magics.getCellMagicNames() : magics.getLineMagicNames());
        List<String> matches = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith(prefix)) {
                matches.add((cell ? "%%" : "%") + n);
            }
        }
        int start = lineStart + (line.length() - trimmed.length());
        return matches.isEmpty() ? null : new ReplacementOptions(matches, start, cursor);
    }

    DisplayData inspect(String code, int at, boolean detail) {
        int cursor = Math.max(0, Math.min(at, code.length()));
        while (cursor < code.length() && Character.isJavaIdentifierPart(code.charAt(cursor))) {
            cursor++;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, detail);
        if (docs.isEmpty()) {
            // JShell documents a method when the cursor is inside its call: try "name(" as well.
            docs = analysis.documentation(code.substring(0, cursor) + "(", cursor + 1, detail);
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            text.append(d.signature()).append('\n');
            // JShell reads javadoc only from the JDK's src.zip; the project's come from the shipped sources
            String javadoc = d.javadoc() != null && !d.javadoc().isBlank() ? d.javadoc()
                    : LibraryJavadoc.shared().describe(d.signature());
            if (javadoc != null) {
                text.append(javadoc.strip()).append("\n\n");
            }
        }
        return new DisplayData(text.toString().strip());
    }
}
