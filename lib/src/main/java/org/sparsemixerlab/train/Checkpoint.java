package org.sparsemixerlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.model.AtomicFiles;
import org.sparsemixerlab.model.ModelFiles;

/**
 * A training checkpoint: model parameters, optimizer moments and update count, the step, the data
 * position and the run's provenance, in one file written atomically (a crash while writing keeps
 * the previous checkpoint intact). Random state needs no saving: the loop reseeds the engine from
 * (seed, step) before every step.
 *
 * @param step updates applied
 * @param position where the training data continues
 * @param provenance the run that wrote it
 */
public record Checkpoint(long step, DataPosition position, RunProvenance provenance) {
    private static final int MAGIC = 0x534d4c43; // "SMLC"
    private static final int FORMAT_VERSION = 1;

    /** Header stored as JSON. */
    record Header(long step, DataPosition position, RunProvenance provenance) {}

    /** Writes a checkpoint of {@code model} and {@code optimizer} to {@code file}. */
    public static void write(Path file, Checkpoint checkpoint, Block model, AdamW optimizer) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] header = ConfigJson.mapper().writeValueAsBytes(
                    new Header(checkpoint.step(), checkpoint.position(), checkpoint.provenance()));
            out.writeInt(header.length);
            out.write(header);
            model.saveParameters(out);
            optimizer.save(out);
            out.flush();
        });
    }

    /** Reads only the header (step, data position, provenance). */
    public static Checkpoint peek(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readHeader(in, file);
        }
    }

    /**
     * Restores parameters and optimizer state from {@code file} into {@code model} and {@code
     * optimizer}, which must match the stored configuration.
     */
    public static Checkpoint restore(Path file, Block model, AdamW optimizer, NDManager manager) throws IOException {
        try (DataInputStream in = open(file)) {
            Checkpoint c = readHeader(in, file);
            loadParameters(in, file, model, manager);
            optimizer.load(in);
            return c;
        }
    }

    /** Loads only the model parameters (e.g. to evaluate or fine-tune from a checkpoint). */
    public static Checkpoint restoreModel(Path file, Block model, NDManager manager) throws IOException {
        try (DataInputStream in = open(file)) {
            Checkpoint c = readHeader(in, file);
            loadParameters(in, file, model, manager);
            return c;
        }
    }

    private static void loadParameters(DataInputStream in, Path file, Block model, NDManager manager)
            throws IOException {
        try {
            model.loadParameters(manager, in);
            ModelFiles.attachGradients(model);
        } catch (MalformedModelException e) {
            throw new IOException("checkpoint " + file + " does not fit this model: " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no checkpoint at " + file);
        }
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    private static Checkpoint readHeader(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException(file + " is not a Sparse Mixer Lab checkpoint");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has checkpoint format " + version + "; expected " + FORMAT_VERSION);
        }
        int len = in.readInt();
        if (len <= 0 || len > 1 << 22) {
            throw new IOException(file + " has a corrupt header");
        }
        Header h = ConfigJson.mapper().readValue(in.readNBytes(len), Header.class);
        return new Checkpoint(h.step(), h.position(), h.provenance());
    }

    /** The header as text, for display. */
    @Override
    public String toString() {
        return "checkpoint at step " + step + " (data " + position + ", " + provenance.kind() + ")";
    }
}
