package org.sparsemixerlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.model.AtomicFiles;

/**
 * The files of one run folder: {@code provenance.json} and {@code result.json} (written
 * atomically) and {@code metrics.jsonl}, one JSON line per step and per evaluation, appended and
 * flushed as they happen so a crash loses at most the line being written.
 */
final class RunFiles implements TrainingListener, AutoCloseable {
    /** The checkpoint file inside a run folder. */
    static final String CHECKPOINT = "checkpoint.smlc";

    private final Path dir;
    private final BufferedWriter metrics;
    private final ObjectMapper json = ConfigJson.mapper().copy()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    RunFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.metrics = Files.newBufferedWriter(dir.resolve("metrics.jsonl"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Runs {@code loop} on shuffled batches of {@code examples}; with an output folder, writes the
     * provenance first, metrics as they come, the checkpoint ({@code checkpoint.smlc}, resumed from
     * when present) and the result at the end.
     */
    static <E, B> TrainingResult train(TrainingLoop<B> loop, java.util.List<E> examples, int batchSize, long seed,
            java.util.function.Function<java.util.List<E>, B> collate, Path outDir, RunProvenance provenance) {
        RunFiles files = null;
        try {
            TrainingResult finished = outDir == null ? null : completed(outDir, loop.settings().steps());
            if (finished != null) {
                // A finished run folder stays as it is: the loop only restores the model from its
                // checkpoint (so callers get the trained model); no file is written.
                loop.checkpointTo(outDir.resolve(CHECKPOINT));
                try (ExampleBatches<E, B> batches = new ExampleBatches<>(examples, batchSize, seed, collate)) {
                    loop.run(batches);
                }
                return finished;
            }
            if (outDir != null) {
                files = new RunFiles(outDir);
                files.writeProvenance(provenance);
                loop.addListener(files);
                loop.checkpointTo(outDir.resolve(CHECKPOINT));
            }
            try (ExampleBatches<E, B> batches = new ExampleBatches<>(examples, batchSize, seed, collate)) {
                TrainingResult result = loop.run(batches);
                if (files != null) {
                    files.writeResult(result);
                }
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run files in " + outDir + ": " + e.getMessage(), e);
        } finally {
            if (files != null) {
                files.close();
            }
        }
    }

    /**
     * The stored result of a run folder whose run finished with at least {@code steps} steps
     * ({@code result.json} says COMPLETED and the checkpoint is at that step), or null when the
     * folder is empty, unfinished, interrupted or diverged (then training starts or resumes).
     */
    static TrainingResult completed(Path dir, long steps) {
        Path resultFile = dir.resolve("result.json");
        Path checkpoint = dir.resolve(CHECKPOINT);
        if (!Files.isRegularFile(resultFile) || !Files.isRegularFile(checkpoint)) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode r = ConfigJson.mapper().readTree(resultFile.toFile());
            long done = r.path("steps_done").asLong(-1);
            if (!"COMPLETED".equals(r.path("status").asText()) || done < steps
                    || Checkpoint.peek(checkpoint).step() != done) {
                return null;
            }
            ObjectMapper mapper = ConfigJson.mapper().copy()
                    .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            StepMetrics last = r.path("last_step").isObject()
                    ? mapper.treeToValue(r.get("last_step"), StepMetrics.class) : null;
            java.util.List<EvalMetrics> evals = r.path("final_evaluation").isObject()
                    ? java.util.List.of(mapper.treeToValue(r.get("final_evaluation"), EvalMetrics.class))
                    : java.util.List.of();
            return new TrainingResult(TrainingResult.Status.COMPLETED, done, last, evals, checkpoint,
                    "already complete: " + dir + " holds a finished run of " + done + " steps; nothing was changed");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the finished run in " + dir + ": " + e.getMessage()
                    + " (move the folder away, or give another output folder)", e);
        }
    }

    void writeProvenance(RunProvenance p) throws IOException {
        AtomicFiles.writeString(dir.resolve("provenance.json"), p.toJson());
    }

    void writeResult(TrainingResult r) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", r.status());
        out.put("steps_done", r.stepsDone());
        out.put("message", r.message());
        out.put("last_step", r.lastStep());
        out.put("final_evaluation", r.finalEvaluation());
        AtomicFiles.writeString(dir.resolve("result.json"), ConfigJson.mapper().writeValueAsString(out));
    }

    @Override
    public void onStep(StepMetrics m) {
        line(Map.of("type", "step", "metrics", m));
    }

    @Override
    public void onEval(EvalMetrics m) {
        line(Map.of("type", "eval", "metrics", m));
    }

    private void line(Object o) {
        try {
            metrics.write(json.writeValueAsString(o));
            metrics.newLine();
            metrics.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + dir.resolve("metrics.jsonl"), e);
        }
    }

    @Override
    public void close() {
        try {
            metrics.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
