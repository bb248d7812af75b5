package org.sparsemixerlab.kernel;

import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/** Traceback lines for the {@code error} message of a failed cell. */
final class ErrorFormatting {
    private ErrorFormatting() {
    }

    static List<String> lines(Throwable e, StringStyler styler) {
        List<String> out = new ArrayList<>();
        if (e instanceof CellCompileException) {
            for (CellCompileException.Diagnostic d : ((CellCompileException) e).diagnostics()) {
                out.add(styler.secondary("Compile error in line " + d.line() + ", column " + d.column() + ":"));
                out.add("    " + d.lineText());
                out.add("    " + " ".repeat(Math.max(0, d.column() - 1)) + "^".repeat(Math.min(d.length(), 80)));
                d.message().lines().forEach(l -> out.add(styler.primary(l)));
            }
        } else if (e instanceof CellRuntimeException) {
            List<String> trace = ((CellRuntimeException) e).traceback();
            for (int i = 0; i < trace.size(); i++) {
                out.add(i == 0 ? styler.secondary(trace.get(i)) : trace.get(i));
            }
        } else if (e instanceof CellInterruptedException) {
            out.add(styler.secondary("Interrupted: " + e.getMessage()));
        } else {
            out.add(styler.secondary(ErrorTraces.headline(e.getClass().getName(), e.getMessage())));
            out.addAll(ErrorTraces.userFrames(e.getStackTrace(), 8));
        }
        return out;
    }
}
