package org.sparsemixerlab.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;

/**
 * Parameter files of any model of this library: a small header (magic, format version, the
 * configuration as JSON) followed by DJL's parameter encoding. Writes are atomic.
 */
public final class ModelFiles {
    private static final int MAGIC = 0x534d4c50; // "SMLP"
    private static final int FORMAT_VERSION = 1;

    private ModelFiles() {}

    /** Saves the parameters of {@code block}, built from {@code config}, to {@code file}. */
    public static void save(Path file, ModelConfig config, Block block) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            byte[] json = ConfigJson.toJson(config).getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
            block.saveParameters(out);
            out.flush();
        });
    }

    /** The configuration stored in a parameter file, to build a block of the right shape. */
    public static ModelConfig readConfig(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            return readHeader(in, file);
        }
    }

    /**
     * Loads parameters into {@code block}, which must have been built from the stored configuration.
     *
     * @throws IOException when the file is unreadable or was written for a different configuration
     */
    public static void load(Path file, ModelConfig expected, Block block, NDManager manager) throws IOException {
        try (DataInputStream in = open(file)) {
            ModelConfig stored = readHeader(in, file);
            if (!stored.equals(expected)) {
                throw new IOException("parameter file " + file + " was saved for a different configuration ("
                        + ConfigJson.diff(expected, stored) + "); build the model from ModelFiles.readConfig(file)");
            }
            block.loadParameters(manager, in);
            attachGradients(block);
        } catch (MalformedModelException e) {
            throw new IOException("parameter file " + file + " does not match the model's parameters: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Makes every trainable parameter of {@code block} record gradients again. DJL's {@code
     * loadParameters} replaces the parameter arrays with fresh ones that do not, so a model trained
     * after loading would otherwise fail in backward.
     */
    public static void attachGradients(Block block) {
        for (var p : block.getParameters()) {
            if (p.getValue().requiresGradient() && !p.getValue().getArray().hasGradient()) {
                p.getValue().getArray().setRequiresGradient(true);
            }
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no parameter file at " + file);
        }
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new BufferedInputStream(raw));
    }

    private static ModelConfig readHeader(DataInputStream in, Path file) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(file + " is not a Sparse Mixer Lab parameter file (bad magic number)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(file + " has format version " + version + "; this library reads version "
                    + FORMAT_VERSION);
        }
        int len = in.readInt();
        if (len <= 0 || len > 1 << 20) {
            throw new IOException(file + " has a corrupt header (config length " + len + ")");
        }
        byte[] json = in.readNBytes(len);
        return ConfigJson.fromJson(new String(json, StandardCharsets.UTF_8));
    }
}
