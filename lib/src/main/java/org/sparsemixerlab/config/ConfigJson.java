package org.sparsemixerlab.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
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

    /** The snake_case keys, in record order (from {@link ConfigKeys}). */
    public static List<String> keys() {
        return ConfigKeys.names();
    }

    /** Key to value as plain strings, in record order. */
    public static Map<String, String> asMap(ModelConfig c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < ConfigKeys.ALL.size(); i++) {
            out.put(ConfigKeys.ALL.get(i).key(), ConfigKey.text(ConfigKeys.value(c, i)));
        }
        return out;
    }

    /**
     * Applies {@code key -> value} strings on top of {@code base} without validating the result,
     * so that the caller can show all problems. Keys may be snake_case, camelCase, kebab-case or
     * the JSON spelling ({@code router_zloss_factor}).
     *
     * @throws ConfigOverrideException listing unknown keys (with the closest known key) and values
     *     of the wrong type
     */
    public static ModelConfig applyOverrides(ModelConfig base, Map<String, String> overrides) {
        Object[] values = ConfigKeys.values(base);
        List<ConfigError> errors = new ArrayList<>();
        List<String> keys = keys();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String raw = e.getValue() == null ? "" : e.getValue().trim();
            ConfigKey key = ConfigKeys.find(e.getKey());
            if (key == null) {
                errors.add(new ConfigError(e.getKey(), raw, "a known config key",
                        "Did you mean '" + closest(normalizeKey(e.getKey()), keys) + "'? Keys: " + String.join(", ", keys)
                                + "."));
                continue;
            }
            try {
                values[ConfigKeys.ALL.indexOf(key)] = key.parse(raw);
            } catch (IllegalArgumentException ex) {
                errors.add(new ConfigError(key.key(), raw, ex.getMessage(), ""));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigOverrideException(errors);
        }
        return ConfigKeys.construct(values);
    }

    /** camelCase or kebab-case to snake_case. */
    static String normalizeKey(String key) {
        return ConfigKeys.normalize(key);
    }

    /** Writes a configuration as a flat JSON object, one field per key under its JSON name. */
    public static final class Serializer extends StdSerializer<ModelConfig> {
        private static final long serialVersionUID = 1L;

        public Serializer() {
            super(ModelConfig.class);
        }

        @Override
        public void serialize(ModelConfig c, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (int i = 0; i < ConfigKeys.ALL.size(); i++) {
                ConfigKey k = ConfigKeys.ALL.get(i);
                Object v = ConfigKeys.value(c, i);
                gen.writeFieldName(k.jsonName());
                if (v == null) {
                    gen.writeNull();
                } else if (v instanceof Boolean b) {
                    gen.writeBoolean(b);
                } else if (v instanceof Integer n) {
                    gen.writeNumber(n);
                } else if (v instanceof Long n) {
                    gen.writeNumber(n);
                } else if (v instanceof Double d) {
                    gen.writeNumber(d);
                } else {
                    gen.writeString(ConfigKey.text(v));
                }
            }
            gen.writeEndObject();
        }
    }

    /**
     * Reads the flat JSON object: keys in any accepted spelling, missing keys at their defaults,
     * unknown keys an error. Not validated (a stored row shows what it holds).
     */
    public static final class Deserializer extends StdDeserializer<ModelConfig> {
        private static final long serialVersionUID = 1L;

        public Deserializer() {
            super(ModelConfig.class);
        }

        @Override
        public ModelConfig deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode node = p.readValueAsTree();
            if (node == null || !node.isObject()) {
                throw JsonMappingException.from(p, "a configuration is a JSON object of config keys");
            }
            Object[] values = ConfigKeys.defaultValues();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                ConfigKey k = ConfigKeys.find(e.getKey());
                if (k == null) {
                    throw JsonMappingException.from(p, "unknown config key '" + e.getKey() + "'; keys: "
                            + String.join(", ", keys()));
                }
                JsonNode v = e.getValue();
                boolean fits = k.type() == boolean.class ? v.isBoolean()
                        : k.type() == double.class ? v.isNumber()
                        : k.type() == int.class || k.type() == long.class ? v.isIntegralNumber()
                        : v.isTextual();
                if (!fits) {
                    throw JsonMappingException.from(p, "config key " + k.key() + " takes " + k.typeName() + "; got " + v);
                }
                try {
                    values[ConfigKeys.ALL.indexOf(k)] = k.parse(v.asText());
                } catch (IllegalArgumentException ex) {
                    throw JsonMappingException.from(p, "config key " + k.key() + ": expected " + ex.getMessage()
                            + "; got " + v);
                }
            }
            return ConfigKeys.construct(values);
        }
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
