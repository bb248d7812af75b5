package org.sparsemixerlab.ablation;

/** A study file that cannot be read or does not validate; the message names the field. */
public final class StudySpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public StudySpecException(String message) {
        super(message);
    }

    public StudySpecException(String message, Throwable cause) {
        super(message, cause);
    }
}
