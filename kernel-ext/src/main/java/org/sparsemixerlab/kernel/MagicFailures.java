package org.sparsemixerlab.kernel;

import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.magic.UndefinedMagicException;

/**
 * Recognises what a failed magic threw. A magic runs inside the cell's snippet through jjava's
 * {@code BaseNotebookStatics.lineMagic/cellMagic}, which wraps everything in a RuntimeException
 * ("Exception occurred while running line magic ..."); this unwraps it so the user sees the magic's
 * own error: a {@link UsageError}, an error of a cell the magic evaluated ({@code %time}, {@code
 * %load}), or the library's exception without jjava's frames.
 */
final class MagicFailures {

    private static final String JJAVA_WRAPPER = "Exception occurred while running ";

    private MagicFailures() {
    }

    /**
     * The error to report for {@code thrown} (the real object user code threw), or null when it is not
     * the failure of a magic.
     *
     * @param lineMagics registered line magic names (for hints about a mistyped name)
     */
    static RuntimeException reportable(Throwable thrown, Set<String> lineMagics, Set<String> cellMagics) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CellRuntimeException || t instanceof CellCompileException
                    || t instanceof CellInterruptedException) {
                return (RuntimeException) t;
            }
            if (t instanceof UndefinedMagicException) {
                return undefined((UndefinedMagicException) t, lineMagics, cellMagics);
            }
            if (t.getCause() == null || t.getCause() == t) {
                break;
            }
        }
        if (isJjavaWrapper(thrown) && thrown.getCause() != null) {
            Throwable cause = thrown.getCause();
            if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
                // A magic that rejects its arguments without declaring a usage (e.g. one from another extension).
                return new UsageError(cause.getMessage(), null);
            }
            return ErrorTraces.fromThrowable(cause);
        }
        return null;
    }

    static boolean isJjavaWrapper(Throwable t) {
        return t != null && t.getClass() == RuntimeException.class && t.getMessage() != null
                && t.getMessage().startsWith(JJAVA_WRAPPER);
    }

    private static UsageError undefined(UndefinedMagicException e, Set<String> lineMagics, Set<String> cellMagics) {
        String name = e.getMagicName();
        String sign = e.isCellMagic() ? "%%" : "%";
        Set<String> known = e.isCellMagic() ? cellMagics : lineMagics;
        String stripped = name.replaceAll(";+$", "");
        String hint;
        if (!stripped.equals(name) && known.contains(stripped)) {
            hint = " A line magic runs to the end of its line: write '" + sign + stripped + "' without the ';'"
                    + " (e.g. 'var r = " + sign + stripped + "').";
        } else {
            List<String> close = known.stream().filter(k -> k.startsWith(name.substring(0, Math.min(2, name.length()))))
                    .sorted().toList();
            hint = close.isEmpty() ? " %lsmagic lists the available magics."
                    : " Did you mean " + String.join(", ", close.stream().map(k -> sign + k).toList())
                    + "? %lsmagic lists them all.";
        }
        return new UsageError((e.isCellMagic() ? "Cell" : "Line") + " magic " + sign + name + " is not defined."
                + hint, null);
    }
}
