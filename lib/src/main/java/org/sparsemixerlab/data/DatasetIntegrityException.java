package org.sparsemixerlab.data;

/** A data file is missing, unreadable, malformed or differs from its recorded SHA-256. */
public class DatasetIntegrityException extends RuntimeException {

    /** The command that re-creates every derived file, quoted in messages. */
    public static final String REDERIVE_HINT =
            "restore it with 'git checkout -- datasets' or re-derive all files with"
                    + " 'datasets/tools/derive.sh' (see datasets/README.md)";

    public DatasetIntegrityException(String message) {
        super(message);
    }

    public DatasetIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
