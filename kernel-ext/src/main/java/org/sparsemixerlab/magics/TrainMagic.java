package org.sparsemixerlab.magics;

import java.nio.file.Path;
import java.util.List;
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

    static final MagicSpec SPEC = MagicSpec.line("train", "", "Short MLM+NSP pre-training with live curves",
            MagicOption.text("config", "var", "a config bound by %%smconfig --as var (default: the current config)"),
            MagicOption.integer("steps", "N", 40, 1, 1_000_000, "optimizer steps"),
            MagicOption.integer("batch", "B", 16, 1, 4096, "sequences per batch"),
            MagicOption.integer("accumulate", "K", 1, 1, 4096, "batches averaged into each update (a K*B batch)"),
            MagicOption.integer("docs", "D", 20, 0, 1_000_000, "corpus documents to prepare"),
            MagicOption.integer("every", "K", 5, 1, 1_000_000, "redraw the live curves every K steps"),
            MagicOption.text("out", "dir", "also write a resumable checkpoint here"));

    private TrainMagic() {
    }

    public static Object line(BaseKernel kernel, LabState session, List<String> args) {
        MagicArgs a = SPEC.parse(args);
        if (!a.words().isEmpty()) {
            throw new MagicUsageException("%train takes only options, got " + a.words());
        }
        int steps = a.integer("steps");
        int batch = a.integer("batch");
        int accumulate = a.integer("accumulate");
        int docs = a.integer("docs");
        int every = a.integer("every");
        ModelConfig config;
        try {
            config = a.has("config") ? session.config(a.text("config")) : session.config();
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException(e.getMessage());
        }
        if (session.seed() != null) {
            config = ConfigJson.applyOverrides(config, java.util.Map.of("seed", String.valueOf(session.seed())));
        }
        Path out = a.has("out") ? Path.of(a.text("out")) : null;
        PretrainingData data = PretrainingData.prepare(config, session.tokenizer(config.vocabSize()), List.of("moby-dick"), docs,
                config.seed());
        TrainingSettings settings = TrainingSettings.defaults(steps).withBatchSize(batch).withAccumulation(accumulate);
        LiveTraining.Outcome o = LiveTraining.run(session, config, settings, data, session.device().device(), out, every);
        System.out.println(o.result().status() + " after " + o.result().stepsDone() + " steps; the model is "
                + "LabSession.model()" + (out == null ? "" : ", checkpoint in " + out));
        return o;
    }
}
