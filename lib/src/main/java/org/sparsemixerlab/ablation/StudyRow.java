package org.sparsemixerlab.ablation;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.model.AtomicFiles;
import org.sparsemixerlab.train.RunProvenance;

/**
 * The finished result of one (variant, seed) of a study, stored as {@code
 * rows/<variant>__seed-<s>.json}. Immutable; JSON with snake_case keys.
 *
 * @param study the study's name
 * @param variant the variant's name
 * @param seed the seed
 * @param status COMPLETED, or DIVERGED when pre-training stopped on a non-finite loss
 * @param config the full model configuration trained
 * @param metrics metric name to value (see {@link StudyMetrics}); a metric that was not measured
 *     is absent
 * @param curve the held-out evaluations of pre-training, by step
 * @param wallSeconds wall time of the row in the process that finished it
 * @param provenance the pre-training run's provenance
 * @param threads PyTorch intra-op threads used
 * @param message empty, or why the row did not complete
 */
public record StudyRow(String study, String variant, int seed, Status status, ModelConfig config,
        Map<String, Double> metrics, List<EvalPoint> curve, double wallSeconds, RunProvenance provenance, int threads,
        String message) {

    /** How a row ended. */
    public enum Status { COMPLETED, DIVERGED }

    /**
     * One held-out evaluation during pre-training.
     *
     * @param step updates applied when evaluated
     * @param values metric name to value (mlm_accuracy, nsp_loss, ...)
     */
    public record EvalPoint(long step, Map<String, Double> values) {
        public EvalPoint {
            values = new TreeMap<>(values);
        }
    }

    public StudyRow {
        metrics = new TreeMap<>(metrics);
        curve = List.copyOf(curve);
        message = message == null ? "" : message;
    }

    /** The row's key. */
    public RowKey key() {
        return new RowKey(variant, seed);
    }

    /** A metric, or NaN when the row does not have it. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }

    /** JSON with snake_case keys. */
    public String toJson() {
        try {
            return ConfigJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write study row " + key() + " as JSON", e);
        }
    }

    /** Reads what {@link #toJson()} wrote. */
    public static StudyRow fromJson(String json) {
        try {
            return ConfigJson.mapper().readValue(json, StudyRow.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("study row JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes this row to {@code rowsDir/<variant>__seed-<s>.json} atomically: a crash leaves either
     * no row file or the complete one.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public Path writeTo(Path rowsDir) {
        Path file = rowsDir.resolve(key().fileName());
        try {
            AtomicFiles.writeString(file, toJson());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the study row " + file + " (" + e
                    + "); check that the output folder is writable", e);
        }
        return file;
    }

    /** Reads a row file. */
    public static StudyRow read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the study row " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
