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
        String message = explained(className, e.getMessage());
        List<String> lines = new ArrayList<>();
        lines.add(headline(className, message));
        if (SystemExit.class.getName().equals(className)) {
            lines.set(0, "SystemExit: " + message);
            for (StackTraceElement f : e.getStackTrace()) {
                if (isSnippetFrame(f)) {
                    lines.add("\tat " + describe(f));
                }
            }
            return new CellRuntimeException("SystemExit", message, lines, original);
        }
        lines.addAll(collapseRecursion(userFrames(e.getStackTrace(), Integer.MAX_VALUE)));
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String causeClass = cause instanceof EvalException
                    ? ((EvalException) cause).getExceptionClassName() : cause.getClass().getName();
            lines.add("Caused by: " + headline(causeClass, cause.getMessage()));
            lines.addAll(userFrames(cause.getStackTrace(), MAX_CAUSE_FRAMES));
            cause = cause.getCause();
        }
        return new CellRuntimeException(className, message, lines, original);
    }

    /**
     * Builds the report of an exception thrown by kernel-side code a magic called (not by a snippet):
     * its frames down to the first kernel or jjava machinery frame, and its causes.
     */
    static CellRuntimeException fromThrowable(Throwable t) {
        String className = t.getClass().getName();
        String message = explained(className, t.getMessage());
        List<String> lines = new ArrayList<>();
        lines.add(headline(className, message));
        lines.addAll(libraryFrames(t.getStackTrace(), MAX_CAUSE_FRAMES));
        Throwable cause = t.getCause();
        int depth = 0;
        while (cause != null && cause != t && depth++ < 5) {
            lines.add("Caused by: " + headline(cause.getClass().getName(), cause.getMessage()));
            lines.addAll(libraryFrames(cause.getStackTrace(), MAX_CAUSE_FRAMES));
            cause = cause.getCause();
        }
        return new CellRuntimeException(className, message, lines, t);
    }

    /** Frames from the top down to (not including) the first magic-dispatch or reflection frame. */
    static List<String> libraryFrames(StackTraceElement[] frames, int max) {
        List<String> lines = new ArrayList<>();
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.startsWith("org.dflib.jjava.") || isMachinery(c) || isSnippetFrame(f)
                    || c.startsWith("org.sparsemixerlab.magics.SmlMagicsExtension")) {
                break;
            }
            if (lines.size() == max) {
                lines.add("\t...");
                break;
            }
            lines.add("\tat " + describe(f));
        }
        return lines;
    }

    /** Message of an error whose own text is empty or cryptic, with what it means and what to do. */
    static String explained(String className, String message) {
        if (StackOverflowError.class.getName().equals(className)) {
            return "the call stack overflowed: a recursion that never reaches its base case, or one too deep for"
                    + " the cell thread's stack (make it iterative, or check the stopping condition)";
        }
        String allocation = MemoryAdvice.forAllocationFailure(message);
        return allocation == null ? message : message + "\n" + allocation;
    }

    /**
     * Replaces a long run of one repeating frame pattern (a runaway recursion: the JVM records up to
     * 1,024 frames) by its first frames and a count.
     */
    static List<String> collapseRecursion(List<String> frames) {
        final int keep = 5;
        if (frames.size() <= 3 * keep) {
            return frames;
        }
        for (int period = 1; period <= 8; period++) {
            int repeatEnd = period;
            while (repeatEnd < frames.size() && frames.get(repeatEnd).equals(frames.get(repeatEnd - period))) {
                repeatEnd++;
            }
            if (repeatEnd >= 3 * keep) {
                int shown = Math.max(keep, period);
                List<String> out = new ArrayList<>(frames.subList(0, shown));
                out.add("\t... " + (repeatEnd - shown) + " more frames of the same recursion");
                out.addAll(frames.subList(repeatEnd, frames.size()));
                return out;
            }
        }
        return frames;
    }

    static String headline(String className, String message) {
        return message == null || message.isEmpty() ? className : className + ": " + message;
    }

    /**
     * Keeps frames from the top down to the last snippet frame of the innermost cell; with no snippet frame (an error
     * inside a library called from a lambda, say) it stops at the first reflection frame.
     */
    static List<String> userFrames(StackTraceElement[] frames, int max) {
        int lastSnippet = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isSnippetFrame(frames[i])) {
                lastSnippet = i;
            } else if (lastSnippet >= 0 && isMachinery(frames[i].getClassName())) {
                break; // below are the kernel's frames, and for a nested cell (a magic's body) the outer cell's
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
