package org.sparsemixerlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.InvalidConfigException;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.ClassificationExample;
import org.sparsemixerlab.data.ClassificationExampleBuilder;
import org.sparsemixerlab.data.ClassificationTask;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.Split;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.AtomicFiles;
import org.sparsemixerlab.model.DeviceOption;

/**
 * Command-line pre-training and fine-tuning.
 *
 * <pre>
 * pretrain --preset NAME [--set key=value]... [--steps N] [--batch B] [--accumulate K] [--lr X]
 *          [--warmup N] [--clip X] [--eval-every N] [--checkpoint-every N] [--sources sotu,austen,moby-dick]
 *          [--max-docs N] [--device auto|cpu|gpu|gpu:N] --out DIR
 * finetune --task sentiment|food-reviews|paraphrase [--from DIR/checkpoint.smlc] (same options)
 * </pre>
 *
 * Each run writes its folder (checkpoint, provenance, metrics, result) and a {@code summary.json}
 * with the baselines measured on the same split. Re-running with the same {@code --out} resumes.
 */
public final class TrainCommand {
    private static final String PRETRAIN_USAGE = """
            usage: pretrain --preset NAME [--set key=value]... [--seed S] [--steps N] [--batch B] [--accumulate K]
                            [--lr X] [--warmup N] [--clip X] [--eval-every N] [--eval-batches N]
                            [--checkpoint-every N] [--keep-every N] [--sources a,b] [--max-docs N]
                            [--device auto|cpu|gpu|gpu:N] --out DIR
            """;
    private static final String FINETUNE_USAGE = """
            usage: finetune --task sentiment|food-reviews|paraphrase [--from CHECKPOINT] --preset NAME [--set key=value]...
                            [--seed S] [--steps N] [--batch B] [--accumulate K] [--lr X] [--warmup N] [--clip X]
                            [--eval-every N] [--eval-batches N] [--checkpoint-every N] [--device auto|cpu|gpu|gpu:N] --out DIR
            """;
    private static final String NOTES = """
            Re-running with the same --out resumes an unfinished run; a finished one is left as it is.
            --keep-every N keeps a copy of the checkpoint every N steps in DIR/history/ (checkpoints every N
            steps unless --checkpoint-every says otherwise).
            presets: """;
    private static final String USAGE = PRETRAIN_USAGE + FINETUNE_USAGE.replace("usage: ", "       ") + NOTES;

    private TrainCommand() {}

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE + String.join(", ", Presets.names()));
            System.exit(2);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("expected a command: pretrain or finetune");
        }
        if (args[0].equals("help") || asksForHelp(args)) {
            String usage = switch (args[0]) {
                case "pretrain" -> PRETRAIN_USAGE;
                case "finetune" -> FINETUNE_USAGE;
                default -> PRETRAIN_USAGE + FINETUNE_USAGE.replace("usage: ", "       ");
            };
            System.out.print(usage + NOTES + String.join(", ", Presets.names()) + System.lineSeparator());
            return 0;
        }
        if (!args[0].equals("pretrain") && !args[0].equals("finetune")) {
            throw new IllegalArgumentException("unknown command '" + args[0] + "'; expected pretrain or finetune");
        }
        Map<String, List<String>> opts = parse(args);
        ModelConfig config = config(opts);
        TrainingSettings settings = settings(opts);
        Path out = Path.of(required(opts, "out"));
        TrainingResult finished = RunFiles.completed(out, settings.steps());
        if (finished != null) {
            System.out.printf(Locale.ROOT, "%s: the run is complete (%d steps, asked for %d); nothing was changed."
                    + " Give another --out for a new run, or a larger --steps to train on.%n",
                    out, finished.stepsDone(), settings.steps());
            return 0;
        }
        DeviceOption device = DeviceOption.parse(one(opts, "device", "auto"));
        if (device.fellBack()) {
            System.err.println("note: " + device.note());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        TrainingResult result;
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.forVocabularySize(config.vocabSize())) {
            if (args[0].equals("pretrain")) {
                List<String> sources = List.of(one(opts, "sources", String.join(",", PretrainingCorpus.SOURCES)).split(","));
                PretrainingData data = PretrainingData.prepare(config, tokenizer, sources,
                        Integer.parseInt(one(opts, "max-docs", "0")), config.seed());
                System.out.printf(Locale.ROOT, "%d training and %d held-out examples of length %d%n",
                        data.train().size(), data.heldout().size(), config.maxSeqLength());
                summary.put("unigram_baseline", UnigramBaseline.measure(data.train(), data.heldout()));
                try (PretrainingRun run = new PretrainingRun(config, settings, data, device.device(), out)) {
                    keepHistory(run::addListener, opts, out);
                    result = run.addListener(new ConsoleProgress(System.out, 10)).run();
                }
            } else if (args[0].equals("finetune")) {
                ClassificationTask task = ClassificationTask.byName(required(opts, "task"));
                String from = one(opts, "from", null);
                ClassificationExampleBuilder builder = new ClassificationExampleBuilder(tokenizer, config.maxSeqLength());
                List<ClassificationExample> train = builder.build(task.load(Split.TRAIN).rows());
                List<ClassificationExample> dev = builder.build(task.load(Split.DEV).rows());
                summary.put("bag_of_words_baseline", BagOfWordsBaseline.measure(train, dev, config.vocabSize(), config.seed()));
                try (FineTuningRun run = new FineTuningRun(config, task, settings, tokenizer,
                        from == null ? null : Path.of(from), device.device(), out)) {
                    result = run.addListener(new ConsoleProgress(System.out, 10)).run();
                }
            } else {
                throw new IllegalArgumentException("unknown command '" + args[0] + "'; expected pretrain or finetune");
            }
        }
        summary.put("status", result.status());
        summary.put("steps", result.stepsDone());
        summary.put("final_evaluation", result.finalEvaluation() == null ? null : result.finalEvaluation().values());
        String json = ConfigJson.mapper().writeValueAsString(summary);
        AtomicFiles.writeString(out.resolve("summary.json"), json);
        System.out.println(json);
        return result.status() == TrainingResult.Status.DIVERGED ? 1 : 0;
    }

    private static ModelConfig config(Map<String, List<String>> opts) {
        ModelConfig base = Presets.get(one(opts, "preset", "sparse-mixer-tiny"));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String kv : opts.getOrDefault("set", List.of())) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, received '" + kv + "'");
            }
            overrides.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (opts.containsKey("seed")) {
            overrides.put("seed", one(opts, "seed", "0"));
        }
        try {
            return ConfigJson.applyOverrides(base, overrides).validate();
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void keepHistory(java.util.function.Consumer<TrainingListener> add, Map<String, List<String>> opts,
            Path out) {
        String every = one(opts, "keep-every", null);
        if (every != null) {
            add.accept(new CheckpointHistory(out.resolve("history"), Integer.parseInt(every)));
        }
    }

    private static TrainingSettings settings(Map<String, List<String>> opts) {
        int steps = Integer.parseInt(one(opts, "steps", "200"));
        TrainingSettings s = TrainingSettings.defaults(steps);
        return s.withBatchSize(Integer.parseInt(one(opts, "batch", Integer.toString(s.batchSize()))))
                .withAccumulation(Integer.parseInt(one(opts, "accumulate", "1")))
                .withLearningRate(Double.parseDouble(one(opts, "lr", Double.toString(s.peakLearningRate()))),
                        Integer.parseInt(one(opts, "warmup", Integer.toString(s.warmupSteps()))))
                .withClipNorm(Double.parseDouble(one(opts, "clip", Double.toString(s.clipNorm()))))
                .withEvaluation(Integer.parseInt(one(opts, "eval-every", "0")),
                        Integer.parseInt(one(opts, "eval-batches", "0")))
                .withCheckpointEvery(Integer.parseInt(one(opts, "checkpoint-every", one(opts, "keep-every", "0"))));
    }

    private static boolean asksForHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> opts = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs after the command; received '"
                        + args[i] + "'");
            }
            opts.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        return opts;
    }

    private static String one(Map<String, List<String>> opts, String key, String fallback) {
        List<String> v = opts.get(key);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    private static String required(Map<String, List<String>> opts, String key) {
        String v = one(opts, key, null);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v;
    }
}
