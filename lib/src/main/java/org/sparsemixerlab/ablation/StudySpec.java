package org.sparsemixerlab.ablation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparsemixerlab.config.ConfigJson;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;

/**
 * An ablation study: a base configuration, named variants (config deltas), seeds, a training
 * budget, optional fine-tuning and speed-probe settings. Every (variant, seed) pair is one row;
 * {@link #rows()} fixes their order (seed-major, so a half-finished study already compares all
 * variants on the first seeds). {@link #load} and {@link #parse} validate everything, including
 * every variant's configuration, before anything trains.
 *
 * @param name short name, stored in every row (letters, digits, '.', '_', '-')
 * @param title one-line title for tables
 * @param description what the study asks
 * @param base preset name of the base configuration ({@link Presets#names()})
 * @param baseOverrides config key to value applied to the preset for every variant
 * @param baseline name of the variant others are compared with
 * @param variants the variants, in display order
 * @param seeds the seeds every variant is trained with; a seed sets the config's {@code seed} and
 *     the data masking
 * @param budget the pre-training budget
 * @param fineTuning fine-tuning after pre-training, or null for none
 * @param speedProbe how speed is measured
 */
public record StudySpec(String name, String title, String description, String base,
        Map<String, String> baseOverrides, String baseline, List<Variant> variants, List<Integer> seeds,
        StudyBudget budget, FineTuningPlan fineTuning, SpeedProbe speedProbe) {

    public StudySpec {
        baseOverrides = Map.copyOf(baseOverrides);
        variants = List.copyOf(variants);
        seeds = List.copyOf(seeds);
        title = title == null ? name : title;
        description = description == null ? "" : description;
        speedProbe = speedProbe == null ? SpeedProbe.DEFAULT : speedProbe;
    }

    /** Reads and validates a study file. */
    public static StudySpec load(Path file) {
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StudySpecException("cannot read the study file " + file + ": " + e.getMessage(), e);
        }
        return parse(json, file.getFileName().toString());
    }

    /**
     * Parses and validates study JSON.
     *
     * @param origin the file name for error messages
     * @throws StudySpecException naming the file and the field at fault
     */
    public static StudySpec parse(String json, String origin) {
        return StudySpecReader.read(json, origin).validate(origin);
    }

    /** Checks names, seeds, the baseline, claims and every variant's configuration. */
    StudySpec validate(String origin) {
        String where = "study file " + origin + ": ";
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new StudySpecException(where + "field 'name' must hold letters, digits, '.', '_' or '-', received '"
                    + name + "'");
        }
        if (seeds.isEmpty()) {
            throw new StudySpecException(where + "field 'seeds' is empty; list at least one seed, e.g. \"seeds\": [0, 1, 2]");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new StudySpecException(where + "field 'seeds' repeats a seed: " + seeds);
        }
        if (variants.isEmpty()) {
            throw new StudySpecException(where + "field 'variants' is empty; a study needs at least the baseline");
        }
        Set<String> names = new HashSet<>();
        for (Variant v : variants) {
            if (!names.add(v.name())) {
                throw new StudySpecException(where + "variant name '" + v.name() + "' appears twice in 'variants'");
            }
        }
        if (!names.contains(baseline)) {
            throw new StudySpecException(where + "field 'baseline' is '" + baseline
                    + "', which is not a variant; expected one of " + variantNames());
        }
        if (!Presets.names().contains(base)) {
            throw new StudySpecException(where + "field 'base' is '" + base + "', not a preset; expected one of "
                    + String.join(", ", Presets.names()));
        }
        try {
            ConfigJson.applyOverrides(Presets.get(base), baseOverrides);
        } catch (IllegalArgumentException e) {
            throw new StudySpecException(where + "field 'base_overrides': " + e.getMessage(), e);
        }
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            try {
                config(v.name(), seeds.get(0));
            } catch (IllegalArgumentException e) {
                throw new StudySpecException(where + "variants[" + i + "] '" + v.name() + "': " + e.getMessage(), e);
            }
            PaperClaim c = v.paperClaim();
            if (c != null && c.expectation() != null && c.expectation().kind() == PaperClaim.Kind.SPEED_RATIO_AT_LEAST
                    && !StudyMetrics.isSpeed(c.expectation().metric())) {
                throw new StudySpecException(where + "variants[" + i + "].paper_claim.expectation: "
                        + "SPEED_RATIO_AT_LEAST needs a speed metric (train_tokens_per_s or infer_tokens_per_s), "
                        + "received '" + c.expectation().metric() + "'");
            }
            if (c != null && c.expectation() != null && c.expectation().kind() != PaperClaim.Kind.SPEED_RATIO_AT_LEAST
                    && !StudyMetrics.isQuality(c.expectation().metric())) {
                throw new StudySpecException(where + "variants[" + i + "].paper_claim.expectation: "
                        + c.expectation().kind() + " needs a quality metric (e.g. mlm_accuracy, nsp_loss, "
                        + "finetune.sentiment.accuracy), received '" + c.expectation().metric() + "'");
            }
        }
        return this;
    }

    /** The variant names, in order. */
    public List<String> variantNames() {
        List<String> out = new ArrayList<>();
        variants.forEach(v -> out.add(v.name()));
        return out;
    }

    /** The variant called {@code name}. */
    public Variant variant(String name) {
        for (Variant v : variants) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("study " + this.name + " has no variant '" + name + "'; variants: "
                + variantNames());
    }

    /** The validated configuration of a variant trained with {@code seed}. */
    public ModelConfig config(String variant, int seed) {
        Map<String, String> overrides = new LinkedHashMap<>(baseOverrides);
        overrides.putAll(variant(variant).overrides());
        overrides.put("seed", Integer.toString(seed));
        return ConfigJson.applyOverrides(Presets.get(base), overrides).validate();
    }

    /** Every row in the study's fixed order: for each seed, every variant in declaration order. */
    public List<RowKey> rows() {
        List<RowKey> out = new ArrayList<>();
        for (int seed : seeds) {
            for (Variant v : variants) {
                out.add(new RowKey(v.name(), seed));
            }
        }
        return out;
    }

    /** The rows a shard runs: positions k of {@link #rows()} with {@code shard.owns(k)}. */
    public List<RowKey> rows(Shard shard) {
        List<RowKey> all = rows();
        List<RowKey> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (shard.owns(k)) {
                out.add(all.get(k));
            }
        }
        return out;
    }
}
