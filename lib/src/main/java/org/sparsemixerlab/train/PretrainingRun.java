package org.sparsemixerlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.PretrainingExampleBuilder;
import org.sparsemixerlab.data.ShuffledBatches;
import org.sparsemixerlab.model.PretrainingModel;

/**
 * One MLM+NSP pre-training run: builds and initialises the model on a device, trains it on
 * {@link PretrainingData}, and writes {@code checkpoint.smlc}, {@code provenance.json}, {@code
 * metrics.jsonl} and {@code result.json} into an output folder. Re-running with the same folder
 * resumes from the checkpoint. Closing the run frees the model's native memory.
 */
public final class PretrainingRun implements AutoCloseable {
    private final ModelConfig config;
    private final TrainingSettings settings;
    private final PretrainingData data;
    private final NDManager manager;
    private final PretrainingModel model;
    private final Path outDir;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final RunProvenance provenance;

    public PretrainingRun(ModelConfig config, TrainingSettings settings, PretrainingData data, Device device,
            Path outDir) {
        this.config = config.validate();
        this.settings = settings;
        this.data = data;
        this.outDir = outDir;
        this.manager = NDManager.newBaseManager(device);
        Engine.getInstance().setRandomSeed((int) config.seed());
        this.model = new PretrainingModel(config);
        int p = PretrainingExampleBuilder.defaultMaxPredictions(config.maxSeqLength());
        Shape ids = new Shape(settings.batchSize(), config.maxSeqLength());
        model.initialize(manager, DataType.FLOAT32, ids, ids, ids, new Shape(settings.batchSize(), p));
        this.provenance = RunProvenance.capture("pretrain", config, config.seed(), settings.asMap(),
                data.fingerprints(), device.toString());
    }

    public PretrainingRun addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    public PretrainingModel model() {
        return model;
    }

    public NDManager manager() {
        return manager;
    }

    public RunProvenance provenance() {
        return provenance;
    }

    public Path checkpointFile() {
        return outDir == null ? null : outDir.resolve(RunFiles.CHECKPOINT);
    }

    /** Trains (or resumes) until the budget, an interrupt or divergence. */
    public TrainingResult run() {
        PretrainingTask task = new PretrainingTask(config);
        TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(model, task, settings, manager, provenance)
                .evaluateOn(() -> ShuffledBatches.inOrder(data.heldout(), settings.batchSize(), PretrainingBatch::of));
        listeners.forEach(loop::addListener);
        return RunFiles.train(loop, data.train(), settings.batchSize(), config.seed(), PretrainingBatch::of, outDir, provenance);
    }

    @Override
    public void close() {
        manager.close();
    }
}
