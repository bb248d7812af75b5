package org.sparsemixerlab.ablation;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.ModelSize;
import org.sparsemixerlab.data.ClassificationTask;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.train.EvalMetrics;
import org.sparsemixerlab.train.FineTuningRun;
import org.sparsemixerlab.train.PretrainingData;
import org.sparsemixerlab.train.PretrainingRun;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;
import org.sparsemixerlab.train.TrainingResult;

/**
 * Runs a study's rows in their fixed order, one after the other, into an output folder:
 *
 * <pre>
 * OUT/runs/VARIANT/seed-S/            pre-training run files (checkpoint, metrics.jsonl, ...)
 * OUT/runs/VARIANT/seed-S/finetune-T/ fine-tuning run files per task
 * OUT/rows/VARIANT__seed-S.json       the finished row, written atomically
 * </pre>
 *
 * A row whose file exists is skipped, never recomputed. A row interrupted mid-way resumes from its
 * run checkpoints next time. {@link Thread#interrupt()} stops between or inside rows; finished rows
 * stay, the unfinished row writes no row file, and {@link #run()} returns {@link
 * Outcome#INTERRUPTED} with the thread's interrupt flag still set.
 */
public final class StudyRunner {
    /** How a call of {@link #run()} ended. */
    public enum Outcome { COMPLETED, INTERRUPTED }

    /**
     * What one call of {@link #run()} did.
     *
     * @param outcome completed (every owned row has a file) or interrupted
     * @param finished rows computed and written by this call
     * @param skipped rows whose files existed already
     * @param remaining owned rows still without a file
     */
    public record Result(Outcome outcome, List<RowKey> finished, List<RowKey> skipped, List<RowKey> remaining) {
        public Result {
            finished = List.copyOf(finished);
            skipped = List.copyOf(skipped);
            remaining = List.copyOf(remaining);
        }
    }

    private final StudySpec spec;
    private final Path outDir;
    private final List<StudyListener> listeners = new ArrayList<>();
    private Shard shard = Shard.ALL;
    private int onlyRow = -1;
    private Device device = Device.cpu();
    private StudyData data;

    /** A runner of every row of {@code spec} into {@code outDir}. */
    public StudyRunner(StudySpec spec, Path outDir) {
        this.spec = spec;
        this.outDir = outDir;
    }

    /** Runs only the rows of {@code s}. */
    public StudyRunner shard(Shard s) {
        this.shard = s;
        return this;
    }

    /**
     * Runs only the row at position {@code k} of {@link StudySpec#rows()} (instead of a shard): what
     * one array task of a cluster job runs.
     */
    public StudyRunner row(int k) {
        if (k < 0 || k >= spec.rows().size()) {
            throw new IllegalArgumentException("row " + k + " is out of range: study " + spec.name() + " has "
                    + spec.rows().size() + " rows, positions 0 to " + (spec.rows().size() - 1));
        }
        this.onlyRow = k;
        return this;
    }

    public StudyRunner device(Device d) {
        this.device = d;
        return this;
    }

    /** Shares prepared data (and the tokenizer) with other runners; the caller closes it. */
    public StudyRunner data(StudyData shared) {
        this.data = shared;
        return this;
    }

    public StudyRunner addListener(StudyListener l) {
        listeners.add(l);
        return this;
    }

    /** Where row files go: {@code OUT/rows}. */
    public static Path rowsDir(Path outDir) {
        return outDir.resolve("rows");
    }

    /** Runs every owned row that has no file yet, in order. */
    public Result run() {
        List<RowKey> owned = onlyRow >= 0 ? List.of(spec.rows().get(onlyRow)) : spec.rows(shard);
        List<RowKey> finished = new ArrayList<>();
        List<RowKey> skipped = new ArrayList<>();
        boolean ownData = data == null;
        StudyData shared = ownData ? new StudyData() : data;
        try {
            for (int i = 0; i < owned.size(); i++) {
                RowKey key = owned.get(i);
                if (Files.isRegularFile(rowsDir(outDir).resolve(key.fileName()))) {
                    skipped.add(key);
                    listeners.forEach(l -> l.rowSkipped(key));
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) {
                    return result(Outcome.INTERRUPTED, owned, finished, skipped);
                }
                for (StudyListener l : listeners) {
                    l.rowStarted(key, i + 1, owned.size());
                }
                StudyRow row = runRow(key, shared);
                if (row == null) {
                    return result(Outcome.INTERRUPTED, owned, finished, skipped);
                }
                row.writeTo(rowsDir(outDir));
                finished.add(key);
                listeners.forEach(l -> l.rowFinished(row));
            }
            return result(Outcome.COMPLETED, owned, finished, skipped);
        } finally {
            if (ownData) {
                shared.close();
            }
        }
    }

    private static Result result(Outcome outcome, List<RowKey> owned, List<RowKey> finished, List<RowKey> skipped) {
        List<RowKey> remaining = new ArrayList<>(owned);
        remaining.removeAll(finished);
        remaining.removeAll(skipped);
        return new Result(outcome, finished, skipped, remaining);
    }

    /** Trains, fine-tunes and measures one row; null when interrupted. */
    private StudyRow runRow(RowKey key, StudyData shared) {
        long t0 = System.nanoTime();
        ModelConfig config = spec.config(key.variant(), key.seed());
        Path runDir = outDir.resolve(key.runFolder());
        PretrainingData prepared = shared.pretraining(config, spec.budget(), key.seed());
        Map<String, Double> metrics = new TreeMap<>();
        ModelSize size = ModelSize.of(config);
        metrics.put(StudyMetrics.PARAMS_TOTAL, (double) size.totalParams());
        metrics.put(StudyMetrics.PARAMS_ACTIVE, size.activeParamsPerToken());
        metrics.put(StudyMetrics.FLOPS_PER_TOKEN, size.encoderFlopsPerToken());
        TrainingResult result;
        Path checkpoint;
        org.sparsemixerlab.train.RunProvenance provenance;
        try (PretrainingRun run = new PretrainingRun(config, spec.budget().trainingSettings(), prepared, device,
                runDir)) {
            result = run.addListener(forward(key)).run();
            provenance = run.provenance();
            checkpoint = run.checkpointFile();
            if (result.status() == TrainingResult.Status.INTERRUPTED) {
                return null;
            }
            if (result.status() == TrainingResult.Status.COMPLETED) {
                addFinalEvaluation(metrics, result.finalEvaluation());
                metrics.put(StudyMetrics.INFER_TOKENS_PER_S, InferenceProbe.tokensPerSecond(run.model(),
                        run.manager(), prepared.heldout(), spec.budget().batchSize(),
                        spec.speedProbe().inferenceBatches()));
            }
        }
        RunMetricsFile runMetrics = RunMetricsFile.read(runDir.resolve("metrics.jsonl"));
        double trainSpeed = runMetrics.trainTokensPerSecond(spec.speedProbe().warmupSteps());
        if (Double.isFinite(trainSpeed)) {
            metrics.put(StudyMetrics.TRAIN_TOKENS_PER_S, trainSpeed);
        }
        if (result.status() == TrainingResult.Status.COMPLETED && spec.fineTuning() != null) {
            for (String task : spec.fineTuning().tasks()) {
                if (!fineTune(key, config, ClassificationTask.byName(task), checkpoint, runDir, shared, metrics)) {
                    return null;
                }
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return null;
        }
        StudyRow.Status status = result.status() == TrainingResult.Status.COMPLETED ? StudyRow.Status.COMPLETED
                : StudyRow.Status.DIVERGED;
        return new StudyRow(spec.name(), key.variant(), key.seed(), status, config, metrics, runMetrics.curve(),
                (System.nanoTime() - t0) / 1e9, provenance, EngineThreads.current(), result.message());
    }

    private static void addFinalEvaluation(Map<String, Double> metrics, EvalMetrics eval) {
        if (eval == null) {
            return;
        }
        for (String m : StudyMetrics.PRETRAINING_QUALITY) {
            double v = eval.value(m);
            if (Double.isFinite(v)) {
                metrics.put(m, v);
            }
        }
        if (!eval.moeLayers().isEmpty()) {
            RoutingMetrics r = RoutingMetrics.mean(eval.moeLayers());
            metrics.put(StudyMetrics.LEFT_BEHIND, r.fractionLeftBehind());
            metrics.put(StudyMetrics.USAGE, r.expertUsage());
            metrics.put(StudyMetrics.CONFIDENCE, r.routerConfidence());
            metrics.put(StudyMetrics.AUX_LOSS, r.auxLoss());
            metrics.put(StudyMetrics.Z_LOSS, r.zLoss());
        }
    }

    /** Fine-tunes the row's encoder on one task; false when interrupted. */
    private boolean fineTune(RowKey key, ModelConfig config, ClassificationTask task, Path checkpoint, Path runDir,
            StudyData shared, Map<String, Double> metrics) {
        try (FineTuningRun run = new FineTuningRun(config, task, spec.fineTuning().trainingSettings(),
                shared.tokenizer(config.vocabSize()), checkpoint, device, runDir.resolve("finetune-" + task.taskName()))) {
            TrainingResult r = run.addListener(forward(key)).run();
            if (r.status() == TrainingResult.Status.INTERRUPTED) {
                return false;
            }
            EvalMetrics eval = r.finalEvaluation();
            for (String m : List.of("accuracy", "f1")) {
                double v = eval == null ? Double.NaN : eval.value(m);
                if (Double.isFinite(v)) {
                    metrics.put(StudyMetrics.finetune(task.taskName(), m), v);
                }
            }
            return true;
        }
    }

    private TrainingListener forward(RowKey key) {
        return new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                listeners.forEach(l -> l.step(key, m));
            }

            @Override
            public void onEval(EvalMetrics m) {
                listeners.forEach(l -> l.evaluated(key, m));
            }
        };
    }
}
