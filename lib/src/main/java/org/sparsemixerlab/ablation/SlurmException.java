package org.sparsemixerlab.ablation;

/** A Slurm command that is missing or refused; the message says which and quotes Slurm. */
public final class SlurmException extends RuntimeException {
    public SlurmException(String message) {
        super(message);
    }
}
