package org.sparsemixerlab.ablation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sparsemixerlab.data.PretrainingCorpus;

/**
 * Reads study JSON field by field so that every error names the file and the field, e.g. {@code
 * study file s.json: field 'budget.steps' must be a whole number, received "ten"}. Unknown fields
 * are errors (a typo must not silently fall back to a default).
 */
final class StudySpecReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String origin;

    private StudySpecReader(String origin) {
        this.origin = origin;
    }

    static StudySpec read(String json, String origin) {
        StudySpecReader r = new StudySpecReader(origin);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StudySpecException("study file " + origin + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return r.study(root);
    }

    private StudySpecException error(String field, String expected, JsonNode received) {
        return new StudySpecException("study file " + origin + ": field '" + field + "' must be " + expected
                + ", received " + (received == null || received.isMissingNode() ? "nothing" : received.toString()));
    }

    private void onlyKnown(JsonNode node, String path, Set<String> known) {
        if (node == null || !node.isObject()) {
            throw error(path.isEmpty() ? "(top level)" : path, "a JSON object", node);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new StudySpecException("study file " + origin + ": unknown field '" + prefix(path) + f
                        + "'; known fields there: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    private StudySpec study(JsonNode root) {
        onlyKnown(root, "", Set.of("name", "title", "description", "base", "base_overrides", "baseline", "variants",
                "seeds", "budget", "fine_tuning", "speed_probe"));
        List<Variant> variants = new ArrayList<>();
        JsonNode vs = required(root, "", "variants");
        if (!vs.isArray()) {
            throw error("variants", "a list of variant objects", vs);
        }
        for (int i = 0; i < vs.size(); i++) {
            variants.add(variant(vs.get(i), "variants[" + i + "]"));
        }
        List<Integer> seeds = new ArrayList<>();
        JsonNode ss = required(root, "", "seeds");
        if (!ss.isArray()) {
            throw error("seeds", "a list of whole numbers, e.g. [0, 1, 2]", ss);
        }
        for (JsonNode s : ss) {
            if (!s.canConvertToInt() || !s.isIntegralNumber()) {
                throw error("seeds", "a list of whole numbers, e.g. [0, 1, 2]", ss);
            }
            seeds.add(s.intValue());
        }
        JsonNode ft = root.get("fine_tuning");
        JsonNode sp = root.get("speed_probe");
        return new StudySpec(text(root, "", "name", null), text(root, "", "title", ""),
                text(root, "", "description", ""), text(root, "", "base", null),
                stringMap(root.get("base_overrides"), "base_overrides"), text(root, "", "baseline", null), variants,
                seeds, budget(required(root, "", "budget")), ft == null || ft.isNull() ? null : fineTuning(ft),
                sp == null || sp.isNull() ? SpeedProbe.DEFAULT : speedProbe(sp));
    }

    private Variant variant(JsonNode v, String path) {
        onlyKnown(v, path, Set.of("name", "description", "overrides", "paper_claim"));
        JsonNode claim = v.get("paper_claim");
        try {
            return new Variant(text(v, path, "name", null), text(v, path, "description", ""),
                    stringMap(v.get("overrides"), path + ".overrides"),
                    claim == null || claim.isNull() ? null : claim(claim, path + ".paper_claim"));
        } catch (StudySpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new StudySpecException("study file " + origin + ": " + path + ": " + e.getMessage(), e);
        }
    }

    private PaperClaim claim(JsonNode c, String path) {
        onlyKnown(c, path, Set.of("text", "source", "expectation"));
        JsonNode e = c.get("expectation");
        PaperClaim.Expectation expectation = null;
        if (e != null && !e.isNull()) {
            String ep = path + ".expectation";
            onlyKnown(e, ep, Set.of("kind", "metric", "threshold"));
            String kindText = text(e, ep, "kind", null);
            PaperClaim.Kind kind;
            try {
                kind = PaperClaim.Kind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw error(ep + ".kind", "one of " + List.of(PaperClaim.Kind.values()), e.get("kind"));
            }
            boolean needsThreshold = kind == PaperClaim.Kind.SPEED_RATIO_AT_LEAST;
            double threshold = needsThreshold ? number(e, ep, "threshold", Double.NaN) : number(e, ep, "threshold", 0);
            if (needsThreshold && !(threshold > 0)) {
                throw error(ep + ".threshold", "a ratio > 0 for SPEED_RATIO_AT_LEAST, e.g. 1.5", e.get("threshold"));
            }
            String defaultMetric = needsThreshold ? StudyMetrics.TRAIN_TOKENS_PER_S : StudyMetrics.MLM_ACCURACY;
            expectation = new PaperClaim.Expectation(kind, text(e, ep, "metric", defaultMetric), threshold);
        }
        return new PaperClaim(text(c, path, "text", null), text(c, path, "source", ""), expectation);
    }

    private StudyBudget budget(JsonNode b) {
        String p = "budget";
        onlyKnown(b, p, Set.of("steps", "batch_size", "peak_learning_rate", "warmup_steps", "eval_every",
                "eval_batches", "max_train_documents", "sources"));
        int steps = integer(b, p, "steps", null);
        List<String> sources = new ArrayList<>();
        JsonNode s = b.get("sources");
        if (s == null || s.isNull()) {
            sources.addAll(PretrainingCorpus.SOURCES);
        } else {
            if (!s.isArray() || s.isEmpty()) {
                throw error(p + ".sources", "a non-empty list out of " + PretrainingCorpus.SOURCES, s);
            }
            for (JsonNode x : s) {
                if (!PretrainingCorpus.SOURCES.contains(x.asText())) {
                    throw error(p + ".sources", "a list out of " + PretrainingCorpus.SOURCES, s);
                }
                sources.add(x.asText());
            }
        }
        try {
            return new StudyBudget(steps, integer(b, p, "batch_size", 32), number(b, p, "peak_learning_rate", 1e-3),
                    integer(b, p, "warmup_steps", Math.max(1, steps / 10)), integer(b, p, "eval_every", 0),
                    integer(b, p, "eval_batches", 20), integer(b, p, "max_train_documents", 0), sources);
        } catch (StudySpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new StudySpecException("study file " + origin + ": field 'budget': " + e.getMessage(), e);
        }
    }

    private FineTuningPlan fineTuning(JsonNode f) {
        String p = "fine_tuning";
        onlyKnown(f, p, Set.of("tasks", "steps", "batch_size", "peak_learning_rate", "warmup_steps", "eval_batches"));
        JsonNode t = required(f, p, "tasks");
        if (!t.isArray() || t.isEmpty()) {
            throw error(p + ".tasks", "a non-empty list of task names, e.g. [\"sentiment\"]", t);
        }
        List<String> tasks = new ArrayList<>();
        t.forEach(x -> tasks.add(x.asText()));
        int steps = integer(f, p, "steps", null);
        try {
            return new FineTuningPlan(tasks, steps, integer(f, p, "batch_size", 32),
                    number(f, p, "peak_learning_rate", 1e-4), integer(f, p, "warmup_steps", Math.max(1, steps / 10)),
                    integer(f, p, "eval_batches", 0));
        } catch (StudySpecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new StudySpecException("study file " + origin + ": field 'fine_tuning': " + e.getMessage(), e);
        }
    }

    private SpeedProbe speedProbe(JsonNode s) {
        String p = "speed_probe";
        onlyKnown(s, p, Set.of("warmup_steps", "inference_batches"));
        try {
            return new SpeedProbe(integer(s, p, "warmup_steps", SpeedProbe.DEFAULT.warmupSteps()),
                    integer(s, p, "inference_batches", SpeedProbe.DEFAULT.inferenceBatches()));
        } catch (IllegalArgumentException e) {
            throw new StudySpecException("study file " + origin + ": " + e.getMessage(), e);
        }
    }

    private JsonNode required(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new StudySpecException("study file " + origin + ": missing field '" + prefix(path) + field + "'");
        }
        return v;
    }

    private String text(JsonNode node, String path, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (fallback == null) {
                throw new StudySpecException("study file " + origin + ": missing field '" + prefix(path) + field + "'");
            }
            return fallback;
        }
        if (!v.isTextual()) {
            throw error(prefix(path) + field, "a string", v);
        }
        return v.asText();
    }

    private int integer(JsonNode node, String path, String field, Integer fallback) {
        JsonNode v = fallback == null ? required(node, path, field) : node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(prefix(path) + field, "a whole number", v);
        }
        return v.intValue();
    }

    private double number(JsonNode node, String path, String field, double fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (Double.isNaN(fallback)) {
                throw new StudySpecException("study file " + origin + ": missing field '" + prefix(path) + field + "'");
            }
            return fallback;
        }
        if (!v.isNumber()) {
            throw error(prefix(path) + field, "a number", v);
        }
        return v.doubleValue();
    }

    /** A JSON object of config keys; values may be strings, numbers or booleans. */
    private Map<String, String> stringMap(JsonNode node, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw error(field, "an object of config key to value, e.g. {\"num_experts\": 8}", node);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw error(field + "." + e.getKey(), "a string, number or boolean", e.getValue());
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
