package org.sparsemixerlab.data;

import java.util.List;

/**
 * The rows of one task split as read from disk.
 *
 * @param task which task
 * @param split train or dev
 * @param rows rows in file order
 * @param fingerprint the file read, with its row count
 */
public record TaskSplit(
        ClassificationTask task, Split split, List<LabelledText> rows, DatasetFingerprint fingerprint) {

    /** Number of rows with each label, indexed by label. */
    public int[] labelCounts() {
        int[] counts = new int[task.numLabels()];
        for (LabelledText row : rows) {
            counts[row.label()]++;
        }
        return counts;
    }
}
