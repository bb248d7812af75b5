package org.sparsemixerlab.kernel;

/**
 * Thrown into user code that called {@code System.exit(n)} or {@code Runtime.getRuntime().halt(n)}
 * from a cell (or a thread a cell started): the cell fails with this message and the kernel, with
 * every variable, stays. Named after IPython's SystemExit.
 */
public final class SystemExit extends SecurityException {
    private static final long serialVersionUID = 1L;

    private final int status;

    SystemExit(int status) {
        super("the cell called System.exit(" + status + ") or Runtime.halt(" + status + "); the kernel does not exit"
                + " from a cell, so it and your variables are kept. To stop or restart the kernel use the"
                + " notebook's Kernel menu.");
        this.status = status;
    }

    /** The exit status the cell asked for. */
    public int status() {
        return status;
    }
}
