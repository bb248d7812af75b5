package org.sparsemixerlab.magics;

import java.util.List;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.DeviceOption;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.RoutingTrace;
import org.sparsemixerlab.train.StepMetrics;

/**
 * Notebook access to the kernel's {@link LabState} (the one object the magics share): cells call
 * {@code LabSession.model()}, {@code LabSession.tokenizer()}, {@code LabSession.config("cfg")}. Each
 * static method reads or changes {@link #current()}; the state itself lives in that object.
 */
public final class LabSession {

    /** Preset used when no config has been chosen. */
    public static final String DEFAULT_PRESET = LabState.DEFAULT_PRESET;

    private static volatile LabState current;

    private LabSession() {
    }

    /** The session object of this kernel: the one the extension installed, or a fresh one outside a kernel. */
    public static LabState current() {
        LabState s = current;
        if (s == null) {
            synchronized (LabSession.class) {
                if (current == null) {
                    current = new LabState();
                }
                s = current;
            }
        }
        return s;
    }

    /** Makes {@code state} the one notebook code sees (called by {@link SmlMagicsExtension}). */
    static synchronized void install(LabState state) {
        current = state;
    }

    public static ModelConfig config() {
        return current().config();
    }

    public static ModelConfig config(String name) {
        return current().config(name);
    }

    public static void bind(String name, ModelConfig c) {
        current().bind(name, c);
    }

    public static DeviceOption device() {
        return current().device();
    }

    public static void device(DeviceOption d) {
        current().device(d);
    }

    public static Long seed() {
        return current().seed();
    }

    public static void seed(long s) {
        current().seed(s);
    }

    /** The full BERT uncased tokenizer, loaded once from the datasets folder. */
    public static WordPieceTokenizer tokenizer() {
        return tokenizer(ModelConfig.defaults().vocabSize());
    }

    public static WordPieceTokenizer tokenizer(int vocabSize) {
        return current().tokenizer(vocabSize);
    }

    /**
     * A shipped lab model ({@code datasets/models}), loaded once per kernel and shared with the
     * magics' {@code --model lab:NAME}; do not close it, the kernel does.
     */
    public static org.sparsemixerlab.model.LabModel labModel(String name) {
        return current().labModel(name);
    }

    public static PretrainingModel model() {
        return current().model();
    }

    public static List<StepMetrics> steps() {
        return current().steps();
    }

    public static RoutingTrace trace() {
        return current().trace();
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
