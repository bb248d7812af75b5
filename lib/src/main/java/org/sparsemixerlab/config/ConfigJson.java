package org.sparsemixerlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON form of {@link ModelConfig} with the reference's snake_case keys, key-by-key overrides and
 * readable diffs.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

    private ConfigJson() {}

    /** The shared mapper (snake_case keys); other packages use it for provenance records. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Pretty JSON with every field. */
    public static String toJson(ModelConfig c) {
        try {
            return MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write config as JSON", e);
        }
    }

    /**
     * Reads a configuration. Missing keys take their defaults; unknown keys are an error.
     *
     * @throws IllegalArgumentException with the JSON problem; {@link InvalidConfigException} when
     *     the values do not validate
     */
    public static ModelConfig fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("expected a JSON object of config keys, received: " + json);
            }
            return applyOverrides(ModelConfig.defaults(), toStringMap((ObjectNode) node)).validate();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("config JSON is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, String> toStringMap(ObjectNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        return out;
    }

    /** The snake_case keys, in record order. */
    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        MAPPER.valueToTree(ModelConfig.defaults()).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /** Field name to value as plain strings, in record order. */
    public static Map<String, String> asMap(ModelConfig c) {
        ObjectNode node = MAPPER.valueToTree(c);
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * Applies {@code key -> value} strings on top of {@code base} without validating the result,
     * so that the caller can show all problems. Keys may be snake_case or camelCase.
     *
     * @throws ConfigOverrideException listing unknown keys (with the closest known key) and values
     *     of the wrong type
     */
    public static ModelConfig applyOverrides(ModelConfig base, Map<String, String> overrides) {
        ObjectNode node = MAPPER.valueToTree(base);
        List<ConfigError> errors = new ArrayList<>();
        List<String> keys = keys();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = normalizeKey(e.getKey());
            String raw = e.getValue() == null ? "" : e.getValue().trim();
            if (!node.has(key)) {
                errors.add(new ConfigError(e.getKey(), raw, "a known config key",
                        "Did you mean '" + closest(key, keys) + "'? Keys: " + String.join(", ", keys) + "."));
                continue;
            }
            JsonNode old = node.get(key);
            try {
                node.set(key, parseLike(key, old, raw));
            } catch (IllegalArgumentException ex) {
                errors.add(new ConfigError(key, raw, ex.getMessage(), ""));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigOverrideException(errors);
        }
        try {
            return MAPPER.treeToValue(node, ModelConfig.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("cannot apply overrides: " + ex.getOriginalMessage(), ex);
        }
    }

    private static JsonNode parseLike(String key, JsonNode old, String raw) {
        var f = MAPPER.getNodeFactory();
        if (old.isBoolean()) {
            String v = raw.toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return f.booleanNode(Boolean.parseBoolean(v));
            }
            throw new IllegalArgumentException("true or false");
        }
        if (old.isIntegralNumber()) {
            try {
                return f.numberNode(Long.parseLong(raw.replace("_", "")));
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("a whole number", ex);
            }
        }
        if (old.isNumber()) {
            try {
                double v = Double.parseDouble(raw);
                return f.numberNode(v);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("a number", ex);
            }
        }
        String upper = raw.toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("routing_algorithm")) {
            try {
                return f.textNode(RoutingAlgorithm.of(raw).name());
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("a routing algorithm name (" + RoutingAlgorithm.declaredLabels()
                        + ", or one registered with Routings.register)", ex);
            }
        }
        String allowed = enumValues(old.asText());
        if (allowed != null && !(("," + allowed + ",").contains("," + upper + ","))) {
            throw new IllegalArgumentException("one of " + allowed);
        }
        return f.textNode(upper);
    }

    private static String enumValues(String current) {
        for (Class<? extends Enum<?>> type : List.<Class<? extends Enum<?>>>of(Architecture.class,
                LayerLayout.class, DispatchForm.class)) {
            for (Enum<?> v : type.getEnumConstants()) {
                if (v.name().equals(current)) {
                    List<String> names = new ArrayList<>();
                    for (Enum<?> w : type.getEnumConstants()) {
                        names.add(w.name());
                    }
                    return String.join(",", names);
                }
            }
        }
        return null;
    }

    /** camelCase or kebab-case to snake_case. */
    static String normalizeKey(String key) {
        String k = key.trim().replace('-', '_');
        return k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String closest(String key, List<String> keys) {
        String best = keys.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (String k : keys) {
            int dist = editDistance(key, k);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = k;
            }
        }
        return best;
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * One changed field between two configurations.
     *
     * @param field snake_case key
     * @param before value in the first configuration
     * @param after value in the second configuration
     */
    public record FieldChange(String field, String before, String after) {
        @Override
        public String toString() {
            return field + ": " + before + " -> " + after;
        }
    }

    /** The fields that differ, in record order; empty when equal. */
    public static List<FieldChange> diff(ModelConfig before, ModelConfig after) {
        Map<String, String> a = asMap(before);
        Map<String, String> b = asMap(after);
        List<FieldChange> out = new ArrayList<>();
        for (Map.Entry<String, String> e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (!e.getValue().equals(other)) {
                out.add(new FieldChange(e.getKey(), e.getValue(), other));
            }
        }
        return out;
    }
}
