package org.sparsemixerlab.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.ClassificationBatch;
import org.sparsemixerlab.data.ClassificationExample;
import org.sparsemixerlab.data.ClassificationExampleBuilder;
import org.sparsemixerlab.data.ClassificationTask;
import org.sparsemixerlab.data.ShuffledBatches;
import org.sparsemixerlab.data.Split;
import org.sparsemixerlab.data.TaskSplit;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.ClassificationModel;
import org.sparsemixerlab.model.PretrainingModel;

/**
 * Fine-tuning on one classification task, optionally from a pre-training checkpoint: the encoder's
 * parameters come from the checkpoint, the task head is freshly initialised (SPEC 1.8, 3.3), and
 * the optimizer starts anew. Writes the same run files as {@link PretrainingRun}.
 */
public final class FineTuningRun implements AutoCloseable {
    private final ModelConfig config;
    private final ClassificationTask task;
    private final TrainingSettings settings;
    private final NDManager manager;
    private final ClassificationModel model;
    private final List<ClassificationExample> train;
    private final List<ClassificationExample> dev;
    private final Path outDir;
    private final RunProvenance provenance;
    private final List<TrainingListener> listeners = new ArrayList<>();

    /**
     * @param pretrained a pre-training checkpoint whose encoder to start from, or null for random
     *     initialisation
     */
    public FineTuningRun(ModelConfig config, ClassificationTask task, TrainingSettings settings,
            WordPieceTokenizer tokenizer, Path pretrained, Device device, Path outDir) {
        this.config = config.validate();
        this.task = task;
        this.settings = settings;
        this.outDir = outDir;
        TaskSplit trainSplit = task.load(Split.TRAIN);
        TaskSplit devSplit = task.load(Split.DEV);
        ClassificationExampleBuilder builder = new ClassificationExampleBuilder(tokenizer, config.maxSeqLength());
        this.train = builder.build(trainSplit.rows());
        this.dev = builder.build(devSplit.rows());
        this.manager = NDManager.newBaseManager(device);
        Engine.getInstance().setRandomSeed((int) config.seed());
        this.model = new ClassificationModel(config, task.numLabels());
        Shape ids = new Shape(settings.batchSize(), config.maxSeqLength());
        model.initialize(manager, DataType.FLOAT32, ids, ids, ids);
        Map<String, String> prints = new TreeMap<>();
        prints.put(trainSplit.fingerprint().fileName(), trainSplit.fingerprint().sha256());
        prints.put(devSplit.fingerprint().fileName(), devSplit.fingerprint().sha256());
        prints.put(tokenizer.fingerprint().fileName(), tokenizer.fingerprint().sha256());
        Map<String, String> runSettings = new TreeMap<>(settings.asMap());
        if (pretrained != null) {
            loadEncoder(pretrained);
            runSettings.put("pretrained_checkpoint", pretrained.getFileName().toString());
        }
        this.provenance = RunProvenance.capture("finetune:" + task.taskName(), config, config.seed(), runSettings,
                prints, device.toString());
    }

    private void loadEncoder(Path checkpoint) {
        try {
            ModelConfig stored = Checkpoint.peek(checkpoint).provenance().config();
            if (!sameEncoderShape(stored, config)) {
                throw new IllegalArgumentException("checkpoint " + checkpoint + " holds a different encoder shape ("
                        + org.sparsemixerlab.config.ConfigJson.diff(stored, config)
                        + "); fine-tune with the pre-training configuration (dropout and routing values may differ)");
            }
            try (NDManager scratch = manager.newSubManager()) {
                PretrainingModel pre = new PretrainingModel(stored);
                Checkpoint.restoreModel(checkpoint, pre, scratch);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                pre.encoder().saveParameters(new DataOutputStream(bytes));
                model.encoder().loadParameters(manager,
                        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                org.sparsemixerlab.model.ModelFiles.attachGradients(model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the encoder from " + checkpoint + ": " + e.getMessage(), e);
        } catch (ai.djl.MalformedModelException e) {
            throw new IllegalArgumentException("checkpoint " + checkpoint + " does not fit: " + e.getMessage(), e);
        }
    }

    /** Parameter shapes depend only on these fields; dropout, routing and capacity may differ. */
    static boolean sameEncoderShape(ModelConfig a, ModelConfig b) {
        return a.architecture() == b.architecture() && a.vocabSize() == b.vocabSize() && a.dEmb() == b.dEmb()
                && a.dModel() == b.dModel() && a.dFf() == b.dFf() && a.numLayers() == b.numLayers()
                && a.maxSeqLength() == b.maxSeqLength() && a.typeVocabSize() == b.typeVocabSize()
                && a.layerMap().equals(b.layerMap()) && a.numExperts() == b.numExperts()
                && a.expertDFf() == b.expertDFf();
    }

    public FineTuningRun addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    public ClassificationModel model() {
        return model;
    }

    public List<ClassificationExample> devExamples() {
        return dev;
    }

    public RunProvenance provenance() {
        return provenance;
    }

    public TrainingResult run() {
        FineTuningTask objective = new FineTuningTask(config, task.numLabels());
        TrainingLoop<ClassificationBatch> loop = new TrainingLoop<>(model, objective, settings, manager, provenance)
                .evaluateOn(() -> ShuffledBatches.inOrder(dev, settings.batchSize(), ClassificationBatch::of));
        listeners.forEach(loop::addListener);
        return RunFiles.train(loop, train, settings.batchSize(), config.seed(), ClassificationBatch::of, outDir, provenance);
    }

    @Override
    public void close() {
        manager.close();
    }
}
