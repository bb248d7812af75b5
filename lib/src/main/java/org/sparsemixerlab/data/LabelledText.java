package org.sparsemixerlab.data;

/**
 * One row of a classification task file.
 *
 * @param id stable row id from the file (e.g. {@code amazon-0001}, {@code Genesis_1:1~17})
 * @param label class index
 * @param text the text, or the first sentence of a pair
 * @param secondText the second sentence of a pair, or {@code null} for single-text tasks
 */
public record LabelledText(String id, int label, String text, String secondText) {

    /** True for sentence-pair rows. */
    public boolean isPair() {
        return secondText != null;
    }
}
