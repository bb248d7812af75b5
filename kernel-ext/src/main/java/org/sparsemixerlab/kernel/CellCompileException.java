package org.sparsemixerlab.kernel;

import java.util.List;

/** A cell did not compile; carries one diagnostic per problem, positioned in the cell's own lines. */
public class CellCompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * One compiler message.
     *
     * @param line     1-based line in the cell
     * @param column   1-based column in that line
     * @param length   characters the problem spans (at least 1)
     * @param lineText the text of that line
     * @param message  the compiler's message without JShell-internal "location:" lines
     */
    public record Diagnostic(int line, int column, int length, String lineText, String message) {}

    private final transient List<Diagnostic> diagnostics;

    public CellCompileException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "compile error"
                : "line " + diagnostics.get(0).line() + ": " + diagnostics.get(0).message(), null, true, false);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
