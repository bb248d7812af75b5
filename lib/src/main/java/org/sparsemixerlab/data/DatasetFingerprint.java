package org.sparsemixerlab.data;

/**
 * What a run read from one data file, for the run records.
 *
 * @param fileName path relative to {@code datasets/}, with forward slashes
 * @param sha256 lowercase hex SHA-256 of the file's bytes (as stored, i.e. compressed)
 * @param bytes file size in bytes
 * @param exampleCount examples (or documents, for corpus files) read from the file; -1 if not
 *     counted
 */
public record DatasetFingerprint(String fileName, String sha256, long bytes, long exampleCount) {

    /** Returns a copy with the given example count. */
    public DatasetFingerprint withExampleCount(long count) {
        return new DatasetFingerprint(fileName, sha256, bytes, count);
    }
}
