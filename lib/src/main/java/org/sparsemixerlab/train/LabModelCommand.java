package org.sparsemixerlab.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.ShuffledBatches;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.AtomicFiles;
import org.sparsemixerlab.model.ModelFiles;
import org.sparsemixerlab.model.PretrainingModel;

/**
 * Turns a finished pre-training run into a shipped lab model.
 *
 * <pre>
 * export --run RUN_DIR --name NAME --preset PRESET --description TEXT --datasets DATASETS_DIR [--eval-batches K]
 * </pre>
 *
 * Loads the run's final checkpoint, writes {@code DATASETS_DIR/models/NAME.smlp} (parameters only,
 * float32) and {@code NAME.json} (the facts: steps, tokens seen, config difference from the preset,
 * held-out MLM/NSP figures over the whole held-out split and over its first K batches, the unigram
 * baselines, the run's provenance), and records both files' SHA-256 in {@code
 * DATASETS_DIR/SHA256SUMS}. Every write is atomic.
 */
public final class LabModelCommand {
    private static final String USAGE = "usage: export --run RUN_DIR --name NAME --preset PRESET --description TEXT"
            + " --datasets DATASETS_DIR [--eval-batches K]";

    private LabModelCommand() {}

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("export")) {
            throw new IllegalArgumentException("expected the command 'export', received "
                    + (args.length == 0 ? "nothing" : "'" + args[0] + "'"));
        }
        Map<String, List<String>> opts = TrainCommand.parse(args);
        Path runDir = Path.of(required(opts, "run"));
        String name = required(opts, "name");
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("--name expects lower-case letters, digits and '-', received '" + name + "'");
        }
        ModelConfig preset = Presets.get(required(opts, "preset"));
        Path datasets = Path.of(required(opts, "datasets"));
        int firstBatches = Integer.parseInt(opts.getOrDefault("eval-batches", List.of("6")).get(0));
        Path checkpoint = runDir.resolve(RunFiles.CHECKPOINT);
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException("no " + RunFiles.CHECKPOINT + " in " + runDir + "; expected a pre-training run folder");
        }
        Checkpoint head = Checkpoint.peek(checkpoint);
        RunProvenance provenance = head.provenance();
        ModelConfig config = provenance.config();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("name", name);
        facts.put("description", required(opts, "description"));
        facts.put("preset", required(opts, "preset"));
        List<String> diff = new ArrayList<>();
        ConfigJson.diff(preset, config).forEach(c -> diff.add(c.toString()));
        facts.put("config_changes_from_preset", diff);
        int batch = Integer.parseInt(provenance.settings().get("batch_size"))
                * Integer.parseInt(provenance.settings().getOrDefault("accumulation", "1"));
        facts.put("steps", head.step());
        long positions = head.step() * batch * (long) config.maxSeqLength();
        facts.put("sequence_positions_seen", positions);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                WordPieceTokenizer tokenizer = WordPieceTokenizer.forVocabularySize(config.vocabSize())) {
            PretrainingModel model = new PretrainingModel(config);
            Checkpoint.restoreModel(checkpoint, model, manager);
            PretrainingData data = PretrainingData.prepare(config, tokenizer, PretrainingCorpus.SOURCES, 0, config.seed());
            double realFraction = realTokenFraction(data.train());
            facts.put("real_token_fraction", realFraction);
            facts.put("tokens_seen", Math.round(positions * realFraction));
            facts.put("heldout_all", evaluate(model, data, manager, provenance, 0).values());
            facts.put("heldout_first_" + firstBatches + "_batches",
                    evaluate(model, data, manager, provenance, firstBatches).values());
            UnigramBaseline unigram = UnigramBaseline.measure(data.train(), data.heldout());
            facts.put("unigram_mlm_accuracy", unigram.mlmAccuracy());
            facts.put("unigram_mlm_loss", UnigramBaseline.unigramLoss(data.train(), data.heldout(), config.vocabSize()));
            facts.put("majority_nsp_accuracy", unigram.nspAccuracy());
            Path folder = datasets.resolve("models");
            Files.createDirectories(folder);
            Path params = folder.resolve(name + ".smlp");
            ModelFiles.save(params, config, model);
            facts.put("parameter_file_bytes", Files.size(params));
            facts.put("provenance", ConfigJson.mapper().readValue(provenance.toJson(), Map.class));
            Path factsFile = folder.resolve(name + ".json");
            AtomicFiles.writeString(factsFile, ConfigJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(facts) + "\n");
            recordSums(datasets, Map.of("models/" + name + ".smlp", sha256(params),
                    "models/" + name + ".json", sha256(factsFile)));
            System.out.println(ConfigJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(facts));
            System.out.printf(Locale.ROOT, "wrote %s (%d bytes, sha256 %s) and %s%n", params, Files.size(params),
                    sha256(params), factsFile);
        }
        return 0;
    }

    private static EvalMetrics evaluate(PretrainingModel model, PretrainingData data, NDManager manager,
            RunProvenance provenance, int batches) {
        TrainingSettings settings = TrainingSettings.defaults(1).withEvaluation(0, batches);
        return new TrainingLoop<>(model, new PretrainingTask(model.config()), settings, manager, provenance)
                .evaluateOn(() -> ShuffledBatches.inOrder(data.heldout(), settings.batchSize(), PretrainingBatch::of))
                .evaluate(0);
    }

    /** Fraction of sequence positions that hold a real token (not padding). */
    static double realTokenFraction(List<PretrainingExample> examples) {
        long real = 0;
        long all = 0;
        for (PretrainingExample e : examples) {
            for (int m : e.tokenMask()) {
                real += m;
            }
            all += e.length();
        }
        return all == 0 ? 0 : (double) real / all;
    }

    /** Replaces (or adds) the given lines of {@code SHA256SUMS}, keeping the others and their order. */
    static void recordSums(Path datasets, Map<String, String> sums) throws IOException {
        Path file = datasets.resolve("SHA256SUMS");
        Map<String, String> lines = new LinkedHashMap<>();
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.strip().split("\\s+\\*?", 2);
                if (parts.length == 2) {
                    lines.put(parts[1], parts[0]);
                }
            }
        }
        lines.putAll(new TreeMap<>(sums));
        StringBuilder out = new StringBuilder();
        lines.forEach((path, hash) -> out.append(hash).append("  ").append(path).append('\n'));
        AtomicFiles.writeString(file, out.toString());
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String required(Map<String, List<String>> opts, String key) {
        List<String> v = opts.get(key);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return v.get(v.size() - 1);
    }
}
