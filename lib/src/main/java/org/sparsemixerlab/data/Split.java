package org.sparsemixerlab.data;

/** Which part of a data set: the training part or the fixed evaluation part. */
public enum Split {
    /** Training examples (tasks: {@code *-train.tsv.gz}; corpus: {@code *-train.txt.gz}). */
    TRAIN,
    /**
     * Evaluation examples (tasks: {@code *-dev.tsv.gz}; corpus: the ~1% held-out documents,
     * {@code *-heldout.txt.gz}).
     */
    DEV
}
