package org.sparsemixerlab.magics;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.train.PretrainingData;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * {@code %train [--config var] [--steps N] [--batch B] [--accumulate K] [--docs D] [--every K] [--out dir]}: short MLM+NSP
 * pre-training on the shipped Moby-Dick corpus with a live display ({@link LiveTraining}). {@code
 * --accumulate K} averages the gradients of K batches of B into each update (a K*B batch in the
 * memory of B).
 */
public final class TrainMagic {

    static final String USAGE = "[--config var] [--steps N] [--batch B] [--accumulate K] [--docs D] [--every K] [--out dir]";

    private TrainMagic() {
    }

    public static Object line(BaseKernel kernel, List<String> args) {
        MagicArgs a = MagicArgs.parse("%train", args, Set.of("config", "steps", "batch", "accumulate", "docs", "every", "out"));
        if (!a.words().isEmpty()) {
            throw new MagicUsageException("%train takes only options, got " + a.words());
        }
        int steps = a.intOption("%train", "steps", 40, 1, 1_000_000);
        int batch = a.intOption("%train", "batch", 16, 1, 4096);
        int accumulate = a.intOption("%train", "accumulate", 1, 1, 4096);
        int docs = a.intOption("%train", "docs", 20, 0, 1_000_000);
        int every = a.intOption("%train", "every", 5, 1, 1_000_000);
        ModelConfig config;
        try {
            config = a.options().containsKey("config") ? LabSession.config(a.options().get("config")) : LabSession.config();
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        if (LabSession.seed() != null) {
            config = ConfigJson.applyOverrides(config, java.util.Map.of("seed", String.valueOf(LabSession.seed())));
        }
        Path out = a.options().containsKey("out") ? Path.of(a.options().get("out")) : null;
        PretrainingData data = PretrainingData.prepare(config, LabSession.tokenizer(config.vocabSize()), List.of("moby-dick"), docs,
                config.seed());
        TrainingSettings settings = TrainingSettings.defaults(steps).withBatchSize(batch).withAccumulation(accumulate);
        LiveTraining.Outcome o = LiveTraining.run(config, settings, data, LabSession.device().device(), out, every);
        System.out.println(o.result().status() + " after " + o.result().stepsDone() + " steps; the model is "
                + "LabSession.model()" + (out == null ? "" : ", checkpoint in " + out));
        return o;
    }
}
