package org.sparsemixerlab.magics;

import java.nio.file.Path;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.render.TrainingCharts;
import org.sparsemixerlab.train.PretrainingData;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * {@code %train [--config var] [--steps N] [--batch B] [--accumulate K] [--docs D] [--every K] [--out dir]
 * [--eval-every K] [--eval-batches N] [--smooth W] [--log] [--compare var]}: short MLM+NSP
 * pre-training on the shipped Moby-Dick corpus with a live display ({@link LiveTraining}). {@code
 * --accumulate K} averages the gradients of K batches of B into each update (a K*B batch in the
 * memory of B). Returns the {@link LiveTraining.Outcome}, a figure: {@code var run1 = %train ...}
 * binds it and {@code %train --compare run1} overlays it.
 */
public final class TrainMagic {

    static final MagicSpec SPEC = MagicSpec.line("train", "", "Short MLM+NSP pre-training with live curves",
            MagicOption.text("config", "var", "a config bound by %%smconfig --as var (default: the current config)"),
            MagicOption.integer("steps", "N", 40, 1, 1_000_000, "optimizer steps"),
            MagicOption.integer("batch", "B", 16, 1, 4096, "sequences per batch"),
            MagicOption.integer("accumulate", "K", 1, 1, 4096, "batches averaged into each update (a K*B batch)"),
            MagicOption.integer("docs", "D", 20, 0, 1_000_000, "corpus documents to prepare"),
            MagicOption.integer("every", "K", 5, 1, 1_000_000, "redraw the live curves every K steps"),
            MagicOption.text("out", "dir", "also write a resumable checkpoint here"),
            MagicOption.integer("eval-every", "K", 0, 0, 1_000_000,
                    "evaluate on held-out data every K steps, drawn beside the training curve (0: only at the end)"),
            MagicOption.integer("eval-batches", "N", 20, 1, 100_000, "held-out batches per evaluation"),
            MagicOption.integer("smooth", "W", 1, 1, 100_000, "draw training curves as the mean of the last W steps"),
            MagicOption.flag("log", "loss on a logarithmic axis"),
            MagicOption.text("compare", "var", "overlay an earlier run: a variable holding what %train or LiveTraining.run returned"))
            .returns(LiveTraining.Outcome.class);

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
        TrainingSettings settings = TrainingSettings.defaults(steps).withBatchSize(batch).withAccumulation(accumulate)
                .withEvaluation(a.integer("eval-every"), a.integer("eval-batches"));
        LiveTraining.Outcome o = LiveTraining.run(session, config, settings, data, session.device().device(), out, every,
                new TrainingCharts.Options(a.integer("smooth"), a.has("log"), compared(kernel, a)));
        System.out.println(o.result().status() + " after " + o.result().stepsDone() + " steps; the model is "
                + "LabSession.model()" + (out == null ? "" : ", checkpoint in " + out));
        return o;
    }

    /** The run named by {@code --compare}, checked before training starts. */
    static List<TrainingCharts.Curves> compared(BaseKernel kernel, MagicArgs a) {
        if (!a.has("compare")) {
            return List.of();
        }
        String var = a.text("compare");
        Object v;
        try {
            v = kernel.evalRaw(var);
        } catch (RuntimeException e) {
            throw new MagicUsageException("--compare " + var + " is not a variable of this notebook; bind a run first: "
                    + "var " + (var.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? var : "run1") + " = %train ...");
        }
        if (!(v instanceof LiveTraining.Outcome o)) {
            throw new MagicUsageException("--compare " + var + " is a " + (v == null ? "null" : v.getClass().getSimpleName())
                    + ", not a training run (what %train or LiveTraining.run returned)");
        }
        return List.of(o.curves(var));
    }
}
