package org.sparsemixerlab.kernel;

/** A cell stopped because the user asked for an interrupt; the kernel and its state stay alive. */
public class CellInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CellInterruptedException(String message) {
        super(message, null, true, false); // no kernel frames in the execute_reply (see CellRuntimeException)
    }
}
