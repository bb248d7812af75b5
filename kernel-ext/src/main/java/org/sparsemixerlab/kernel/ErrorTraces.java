package org.sparsemixerlab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.EvalException;

/**
 * Turns what user code threw into a short, readable traceback: the user's frames only (snippet
 * frames shown as {@code cell} with JShell's snippet id and line), and the cause chain.
 */
final class ErrorTraces {

    private static final Pattern SNIPPET_CLASS = Pattern.compile("^REPL\\.\\$JShell\\$\\d+[A-Z]?(\\$(.+))?$");
    private static final int MAX_CAUSE_FRAMES = 6;

    private ErrorTraces() {
    }

    /** Builds the exception a kernel reports for a JShell {@link EvalException}. */
    static CellRuntimeException fromEval(EvalException e, Throwable original) {
        String className = e.getExceptionClassName();
        List<String> lines = new ArrayList<>();
        lines.add(headline(className, e.getMessage()));
        lines.addAll(userFrames(e.getStackTrace(), Integer.MAX_VALUE));
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String causeClass = cause instanceof EvalException
                    ? ((EvalException) cause).getExceptionClassName() : cause.getClass().getName();
            lines.add("Caused by: " + headline(causeClass, cause.getMessage()));
            lines.addAll(userFrames(cause.getStackTrace(), MAX_CAUSE_FRAMES));
            cause = cause.getCause();
        }
        return new CellRuntimeException(className, e.getMessage(), lines, original);
    }

    static String headline(String className, String message) {
        return message == null || message.isEmpty() ? className : className + ": " + message;
    }

    /**
     * Keeps frames from the top down to the last snippet frame; with no snippet frame (an error
     * inside a library called from a lambda, say) it stops at the first reflection frame.
     */
    static List<String> userFrames(StackTraceElement[] frames, int max) {
        int lastSnippet = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isSnippetFrame(frames[i])) {
                lastSnippet = i;
            }
        }
        int end = lastSnippet;
        if (end < 0) {
            end = frames.length - 1;
            for (int i = 0; i < frames.length; i++) {
                if (isMachinery(frames[i].getClassName())) {
                    end = i - 1;
                    break;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i <= end && lines.size() < max; i++) {
            lines.add("\tat " + describe(frames[i]));
        }
        if (end + 1 > lines.size() && lines.size() == max) {
            lines.add("\t... " + (end + 1 - max) + " more");
        }
        return lines;
    }

    /** JShell reports snippet frames with an empty class name and a file name like "#12". */
    static boolean isSnippetFrame(StackTraceElement f) {
        return f.getClassName().isEmpty() || f.getClassName().startsWith("REPL.")
                || (f.getFileName() != null && f.getFileName().startsWith("#"));
    }

    private static boolean isMachinery(String className) {
        return className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.reflect.")
                || className.startsWith("org.sparsemixerlab.kernel.CellExecutionControl");
    }

    static String describe(StackTraceElement frame) {
        Matcher m = SNIPPET_CLASS.matcher(frame.getClassName());
        String where = frame.getFileName() == null ? "" : frame.getFileName() + ":" + frame.getLineNumber();
        if (isSnippetFrame(frame) && !m.matches()) {
            String method = frame.getMethodName().isEmpty() || "do_it$".equals(frame.getMethodName())
                    ? "cell" : frame.getMethodName();
            return method + "(snippet " + where + ")";
        }
        if (m.matches()) {
            String owner = m.group(2) == null ? "" : m.group(2).replace('$', '.') + ".";
            String method = "do_it$".equals(frame.getMethodName()) ? "cell" : owner + frame.getMethodName();
            return method + "(snippet " + where + ")";
        }
        return frame.getClassName() + "." + frame.getMethodName() + "(" + where + ")";
    }
}
