package org.sparsemixerlab.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * A magic (or the kernel) was used wrongly: an unknown magic, bad arguments, a missing file. Follows
 * IPython's convention: the reply has status {@code error} and {@code ename} {@code UsageError} (the
 * simple name of this class, which jjava-jupyter puts on the wire), and the traceback is the short
 * message plus the usage line, never a Java stack trace. Run All and nbclient stop at such a cell.
 */
public final class UsageError extends CellRuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, what was expected and what to do
     * @param usage   the synopsis line ({@code %train [--steps N] ...}), or null when there is none
     */
    public UsageError(String message, String usage) {
        super("UsageError", message, lines(message, usage), null);
    }

    private static List<String> lines(String message, String usage) {
        List<String> out = new ArrayList<>();
        out.add("UsageError: " + message);
        if (usage != null && !usage.isBlank()) {
            out.add("usage: " + usage);
        }
        return out;
    }
}
