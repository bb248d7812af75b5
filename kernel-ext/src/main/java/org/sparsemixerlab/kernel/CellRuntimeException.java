package org.sparsemixerlab.kernel;

import java.util.List;

/**
 * User code in a cell threw. Holds the user's exception class name, message and a stack trace trimmed
 * to the user's frames (the kernel's reflection and thread-pool frames removed).
 */
public class CellRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String exceptionClassName;
    private final transient List<String> traceback;

    public CellRuntimeException(String exceptionClassName, String message, List<String> traceback,
                                Throwable original) {
        // No Java stack of its own: jjava puts the exception's frames into the execute_reply's traceback,
        // which must show the user's trace (in the error message), not the kernel's frames.
        super(message, original, true, false);
        this.exceptionClassName = exceptionClassName;
        this.traceback = List.copyOf(traceback);
    }

    /** Fully qualified class name of what the user code threw, e.g. {@code java.lang.ArithmeticException}. */
    public String exceptionClassName() {
        return exceptionClassName;
    }

    /** Lines: "Class: message", then "\tat ..." frames and "Caused by: ..." sections. */
    public List<String> traceback() {
        return traceback;
    }
}
