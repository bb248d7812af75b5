package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * Training speed at the scales people run on a laptop CPU (issue 19): a breakdown of one step of
 * each preset into data, forward, routing, loss and metric reads, backward, clipping and the
 * AdamW update, with the intra-op thread settings taking turns step by step; then training
 * tokens/s of the presets at their batch, interleaved, each with the project's {@code
 * TrainingLoop}.
 *
 * <p>With {@code --fresh-jvm-steps N} it also trains N steps from a cold start in a fresh JVM per
 * thread setting ({@link FreshJvmRuns}), the settings alternating for {@code --rounds} rounds: what
 * a user running a short training on a laptop waits for, JIT and engine warm-up included.
 *
 * <p>With {@code --vocab V} the tokens/s race also trains each preset with a V-word vocabulary
 * (a diagnostic, not a preset): the difference is what the vocabulary-sized work costs (MLM output
 * projection, word-table gradient, its AdamW update and clipping).
 *
 * <p>Usage: {@code LaptopScaleBenchmark [--presets a,b] [--batch B] [--warmup N] [--reps N]
 * [--threads 2,1] [--fresh-jvm-steps N] [--rounds R] [--vocab V]}. Defaults: sparse-mixer-tiny, batch 16 (the
 * quickstart's), 15 warm-up and 30 measured steps, threads 2 and 1, no fresh-JVM runs, 2 rounds,
 * no vocabulary diagnostic.
 */
public final class LaptopScaleBenchmark {
    private LaptopScaleBenchmark() {}

    /** Runs the benchmark; see the class comment for the options. */

    public static void main(String[] args) {
        List<String> presets = List.of("sparse-mixer-tiny");
        int batch = 16;
        int warmup = 15;
        int reps = 30;
        int[] threads = {2, 1};
        int freshSteps = 0;
        int rounds = 2;
        int vocab = 0;
        String child = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--presets" -> presets = List.of(v.split(","));
                case "--batch" -> batch = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--reps" -> reps = Integer.parseInt(v);
                case "--threads" -> threads = java.util.Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--fresh-jvm-steps" -> freshSteps = Integer.parseInt(v);
                case "--rounds" -> rounds = Integer.parseInt(v);
                case "--child" -> child = v;
                case "--vocab" -> vocab = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --presets, --batch, --warmup, --reps, --threads, --fresh-jvm-steps, --rounds or --vocab");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        if (child != null) {
            FreshJvmRuns.child(child, batch, reps);
            return;
        }
        System.out.printf(Locale.ROOT, "Laptop-scale training speed: engine %s %s, DJL %s, %d cores, intra-op threads"
                + " at start %d%n", Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
                Engine.getDjlVersion(), Runtime.getRuntime().availableProcessors(), JniUtils.getNumThreads());
        for (String name : presets) {
            ModelConfig c = Presets.get(name);
            List<StepBreakdown.Result> r = StepBreakdown.measure(c, batch, warmup, reps, threads);
            System.out.println();
            System.out.print(StepBreakdown.table(name, batch, c.maxSeqLength(), r));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Training tokens/s, TrainingLoop steps interleaved, %d warm-up + %d measured,"
                + " intra-op threads %d%n", warmup, reps, JniUtils.getNumThreads());
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<InterleavedTraining.Contender> contenders = new ArrayList<>();
            java.util.Map<String, ModelConfig> configs = new java.util.LinkedHashMap<>();
            for (String name : presets) {
                configs.put(name, Presets.get(name));
            }
            if (vocab > 0) {
                for (String name : presets) {
                    configs.put(name + " vocab " + vocab, Presets.get(name).toBuilder().vocabSize(vocab).build());
                }
            }
            for (var entry : configs.entrySet()) {
                String name = entry.getKey();
                ModelConfig c = entry.getValue();
                NDManager own = manager.newSubManager();
                NDList all = new SyntheticPretrainingBatches(c, batch, 5).next().toNDList(own);
                PretrainingModel model = new PretrainingModel(c);
                model.initialize(own, DataType.FLOAT32, new NDList(all.get(0), all.get(1), all.get(2), all.get(3))
                        .getShapes());
                contenders.add(new InterleavedTraining.Contender(name, c, model, own, batch));
            }
            for (Measurement m : InterleavedTraining.measure(contenders, TrainingSettings.defaults(warmup + reps),
                    warmup, reps)) {
                System.out.printf(Locale.ROOT, "%-24s median %8.2f ms/step (min %.2f, max %.2f)  %9.0f tokens/s%n",
                        m.name(), m.medianMs(), m.minMs(), m.maxMs(), m.tokensPerSecond());
            }
        }
        if (freshSteps > 0) {
            for (String name : presets) {
                System.out.println();
                System.out.print(FreshJvmRuns.table(name, batch, freshSteps,
                        FreshJvmRuns.measure(name, batch, freshSteps, threads, rounds)));
            }
        }
    }
}
