package org.sparsemixerlab.data;

/**
 * A corpus document as word-piece ids, one array per line (no special tokens).
 *
 * @param id the document's id
 * @param lines word-piece ids of each line {@code [LINES][*]}
 */
public record TokenizedDocument(String id, int[][] lines) {

    /** Total word pieces over all lines. */
    public long pieceCount() {
        long n = 0;
        for (int[] line : lines) {
            n += line.length;
        }
        return n;
    }
}
