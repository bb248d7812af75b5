package org.sparsemixerlab.magics;

/**
 * A magic was called with arguments it cannot use. The registration wrapper prints the message and
 * the magic's usage line instead of a stack trace, and the magic leaves every earlier state as it was.
 */
public final class MagicUsageException extends IllegalArgumentException {

    public MagicUsageException(String message) {
        super(message);
    }
}
