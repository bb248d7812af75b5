package org.sparsemixerlab.magics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.DeviceOption;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.train.StepMetrics;

/**
 * What the magics remember between cells of one notebook (one JVM): named configs bound by {@code
 * %%smconfig --as}, the current config, device and seed, the shared tokenizer, the last trained
 * model, its step metrics and the last routing trace. Cells read it through the static getters.
 */
public final class LabSession {

    /** Preset used when no config has been chosen. */
    public static final String DEFAULT_PRESET = "sparse-mixer-tiny";

    private static final Map<String, ModelConfig> BOUND = new ConcurrentHashMap<>();
    private static volatile ModelConfig config;
    private static volatile DeviceOption device;
    private static volatile Long seed;
    private static final java.util.Map<Integer, WordPieceTokenizer> tokenizers = new java.util.HashMap<>();
    private static volatile PretrainingModel model;
    private static volatile List<StepMetrics> steps = List.of();
    private static volatile RoutingTrace trace;

    private LabSession() {
    }

    /** The current config: the last one bound by {@code %%smconfig}, else the default preset. */
    public static ModelConfig config() {
        ModelConfig c = config;
        return c != null ? c : Presets.get(DEFAULT_PRESET);
    }

    /** The config bound under {@code name} by {@code %%smconfig --as name}. */
    public static ModelConfig config(String name) {
        ModelConfig c = BOUND.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no config is bound as '" + name + "'; bound: " + BOUND.keySet()
                    + ". Run a %%smconfig cell with --as " + name + " first.");
        }
        return c;
    }

    /** Binds {@code c} under {@code name} and makes it the current config. */
    public static void bind(String name, ModelConfig c) {
        BOUND.put(name, c);
        config = c;
    }

    /** The chosen device; {@code auto} until {@code %device} picks one. */
    public static DeviceOption device() {
        DeviceOption d = device;
        if (d == null) {
            d = DeviceOption.parse("auto");
            device = d;
        }
        return d;
    }

    public static void device(DeviceOption d) {
        device = d;
    }

    /** The seed set by {@code %seed}, or null (then each config's own seed is used). */
    public static Long seed() {
        return seed;
    }

    public static void seed(long s) {
        seed = s;
    }

    /** The full BERT uncased tokenizer, loaded once from the datasets folder. */
    public static WordPieceTokenizer tokenizer() {
        return tokenizer(org.sparsemixerlab.config.ModelConfig.defaults().vocabSize());
    }

    /**
     * BERT uncased with {@code vocabSize} ids (a compact vocabulary when smaller than 30,522), loaded
     * once per size.
     */
    public static synchronized WordPieceTokenizer tokenizer(int vocabSize) {
        return tokenizers.computeIfAbsent(vocabSize, WordPieceTokenizer::forVocabularySize);
    }

    /** The model of the last training run in this notebook, or null. */
    public static PretrainingModel model() {
        return model;
    }

    /** Step metrics of the last training run (possibly still running), oldest first. */
    public static List<StepMetrics> steps() {
        return steps;
    }

    static void trained(PretrainingModel m, List<StepMetrics> s) {
        model = m;
        steps = List.copyOf(s);
    }

    /** The last routing trace recorded by {@code %routing} / {@link RoutingView}, or null. */
    public static RoutingTrace trace() {
        return trace;
    }

    static void trace(RoutingTrace t) {
        trace = t;
    }

    /**
     * The notebook kernel running in this JVM, or null outside a notebook (jjava's
     * {@code BaseKernel.notebookKernel()} throws a NullPointerException instead of returning null).
     */
    static org.dflib.jjava.jupyter.kernel.BaseKernel notebookKernelOrNull() {
        try {
            return org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel();
        } catch (NullPointerException noKernel) {
            return null;
        }
    }
}
