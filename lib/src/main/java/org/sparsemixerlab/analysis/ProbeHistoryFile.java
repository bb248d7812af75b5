package org.sparsemixerlab.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.data.DatasetsDirectory;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * The probe-history file: one JSON object {@code {"format": "sml-probe-history", "version": 1,
 * "history": {...}}} whose history holds the {@link ProbeHistory} fields in snake_case (the model
 * config as in provenance files, the probe tokens, and per point the step, each token's top expert per
 * MoE layer and the loads). Written atomically, on one line.
 */
public final class ProbeHistoryFile {
    /** The value of {@code format}. */
    public static final String FORMAT = "sml-probe-history";
    /** The version this code writes and reads. */
    public static final int VERSION = 1;

    /** What is stored: the format tag, its version and the history. */
    record Stored(String format, int version, ProbeHistory history) {}

    private ProbeHistoryFile() {}

    /** Writes {@code history} to {@code file} atomically (a failed write keeps the old file). */
    public static void write(Path file, ProbeHistory history) throws IOException {
        byte[] json = ConfigJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(new Stored(FORMAT, VERSION, history));
        AtomicFiles.write(file, out -> out.write(json));
    }

    /** Reads a history; a file of another format or version is refused with what was found. */
    public static ProbeHistory read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no probe history at " + file + "; write one with ProbeHistoryCommand --checkpoints DIR"
                    + " --out FILE");
        }
        ObjectMapper m = ConfigJson.mapper();
        Stored s;
        try {
            s = m.readValue(file.toFile(), Stored.class);
        } catch (IOException e) {
            throw new IOException(file + " is not a probe-history file (" + FORMAT + " version " + VERSION + "): "
                    + e.getMessage(), e);
        }
        if (!FORMAT.equals(s.format()) || s.version() != VERSION) {
            throw new IOException(file + " holds format '" + s.format() + "' version " + s.version() + "; expected '"
                    + FORMAT + "' version " + VERSION);
        }
        if (s.history() == null) {
            throw new IOException(file + " holds no history");
        }
        return s.history();
    }

    /** The relative name of a lab model's probe history in the datasets folder. */
    public static String labFileName(String model) {
        return "models/" + model + ".probes.json";
    }

    /**
     * The shipped probe history of a lab model ({@code datasets/models/NAME.probes.json}), checked
     * against {@code datasets/SHA256SUMS} like every data file.
     *
     * @throws org.sparsemixerlab.data.DatasetIntegrityException when it is unlisted, missing or changed
     */
    public static ProbeHistory readLab(String model) {
        DatasetsDirectory datasets = DatasetsDirectory.locate();
        String name = labFileName(model);
        datasets.verify(name);
        try {
            return read(datasets.root().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
