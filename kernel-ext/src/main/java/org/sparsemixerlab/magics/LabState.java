package org.sparsemixerlab.magics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.analysis.RoutingSample;
import org.sparsemixerlab.model.DeviceOption;
import org.sparsemixerlab.model.LabModel;
import org.sparsemixerlab.model.LabModels;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.train.StepMetrics;

/**
 * What the magics remember between cells of one notebook: named configs bound by {@code %%smconfig
 * --as}, the current config, device and seed, the tokenizers, the last trained model, its step
 * metrics and the last routing trace. One object per kernel, created by {@link SmlMagicsExtension}
 * and handed to the magics; notebook code reaches the same object through {@link LabSession}.
 */
public final class LabState {

    /** Preset used when no config has been chosen. */
    public static final String DEFAULT_PRESET = "sparse-mixer-tiny";

    private final Map<String, ModelConfig> bound = new ConcurrentHashMap<>();
    private final Map<Integer, WordPieceTokenizer> tokenizers = new HashMap<>();
    private volatile ModelConfig config;
    private volatile DeviceOption device;
    private volatile Long seed;
    private volatile PretrainingModel model;
    private volatile List<StepMetrics> steps = List.of();
    private volatile RoutingTrace trace;
    private final Map<String, LabModel> labModels = new ConcurrentHashMap<>();
    private final Map<String, RoutingSample> labSamples = new ConcurrentHashMap<>();

    /** The current config: the last one bound by {@code %%smconfig}, else the default preset. */
    public ModelConfig config() {
        ModelConfig c = config;
        return c != null ? c : Presets.get(DEFAULT_PRESET);
    }

    /** The config bound under {@code name} by {@code %%smconfig --as name}. */
    public ModelConfig config(String name) {
        ModelConfig c = bound.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no config is bound as '" + name + "'; bound: " + bound.keySet()
                    + ". Run a %%smconfig cell with --as " + name + " first.");
        }
        return c;
    }

    /** Binds {@code c} under {@code name} and makes it the current config. */
    public void bind(String name, ModelConfig c) {
        bound.put(name, c);
        config = c;
    }

    /** The chosen device; {@code auto} until {@code %device} picks one. */
    public DeviceOption device() {
        DeviceOption d = device;
        if (d == null) {
            d = DeviceOption.parse("auto");
            device = d;
        }
        return d;
    }

    public void device(DeviceOption d) {
        device = d;
    }

    /** The seed set by {@code %seed}, or null (then each config's own seed is used). */
    public Long seed() {
        return seed;
    }

    public void seed(long s) {
        seed = s;
    }

    /** BERT uncased with {@code vocabSize} ids (compact when smaller than 30,522), loaded once per size. */
    public synchronized WordPieceTokenizer tokenizer(int vocabSize) {
        return tokenizers.computeIfAbsent(vocabSize, WordPieceTokenizer::forVocabularySize);
    }

    /** The model of the last training run in this notebook, or null. */
    public PretrainingModel model() {
        return model;
    }

    /** Step metrics of the last training run (possibly still running), oldest first. */
    public List<StepMetrics> steps() {
        return steps;
    }

    void trained(PretrainingModel m, List<StepMetrics> s) {
        model = m;
        steps = List.copyOf(s);
    }

    /** The last routing trace recorded by {@code %routing} / {@link RoutingView}, or null. */
    public RoutingTrace trace() {
        return trace;
    }

    void trace(RoutingTrace t) {
        trace = t;
    }

    /**
     * The shipped lab model {@code name}, loaded and checksum-verified ({@link LabModels#load}) on first
     * use and kept for the kernel's life, so later magics do not load it again.
     */
    public LabModel labModel(String name) {
        return labModels.computeIfAbsent(name, LabModels::load);
    }

    /** The routing sample of {@code tokens} held-out tokens of a lab model, computed once per size. */
    RoutingSample labSample(String name, int tokens, java.util.function.Supplier<RoutingSample> compute) {
        return labSamples.computeIfAbsent(name + "@" + tokens, k -> compute.get());
    }
}
