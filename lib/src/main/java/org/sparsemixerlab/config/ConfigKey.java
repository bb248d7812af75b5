package org.sparsemixerlab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its name, type, default, allowed range and a one-line description. The
 * table of them ({@link ConfigKeys#ALL}) is the single source from which {@link ModelConfig}'s
 * defaults, the JSON names, the per-key validation, the {@code %smconfig --keys} listing and the
 * key reference are derived.
 *
 * @param key snake_case name used in {@code key: value} lines and error messages
 * @param jsonName the name in JSON files (equal to {@code key} except where older files used
 *     another spelling)
 * @param type {@code int.class}, {@code long.class}, {@code double.class}, {@code boolean.class},
 *     an enum, or {@link RoutingAlgorithm}
 * @param defaultValue the Sparse Mixer Base value
 * @param range which values are allowed (checked by {@link ModelConfig#problems()})
 * @param when when the range applies (MoE keys only matter when there are MoE layers)
 * @param section the group the key is listed under
 * @param description one line: what the key does
 * @param hint what to do when the value is out of range (may be empty)
 */
public record ConfigKey(String key, String jsonName, Class<?> type, Object defaultValue, Range range, When when,
        Section section, String description, String hint) {

    /** Value rules a key can have; cross-key rules (a divisor of d_model, ...) live in the validator. */
    public enum Range {
        /** Any value of the type. */
        ANY(""),
        /** Not null (enums, names). */
        NOT_NULL("a value"),
        /** An integer {@code >= 1}. */
        POSITIVE("an integer >= 1"),
        /** An integer {@code >= 0}. */
        NON_NEGATIVE("an integer >= 0"),
        /** A dropout-style probability in {@code [0, 1)}. */
        PROBABILITY("a probability in [0, 1)"),
        /** A value in {@code [0, 1)} that is not a probability (router jitter). */
        UNIT_INTERVAL("a value in [0, 1)"),
        /** A finite number {@code > 0}. */
        POSITIVE_FINITE("a finite number > 0"),
        /** A finite number {@code >= 0}. */
        NON_NEGATIVE_FINITE("a finite number >= 0");

        private final String allowed;

        Range(String allowed) {
            this.allowed = allowed;
        }

        /** The allowed values in words, for error messages and listings. */
        public String allowed() {
            return allowed;
        }

        boolean accepts(Object v) {
            return switch (this) {
                case ANY -> true;
                case NOT_NULL -> v != null;
                case POSITIVE -> ((Number) v).longValue() >= 1;
                case NON_NEGATIVE -> ((Number) v).longValue() >= 0;
                case PROBABILITY, UNIT_INTERVAL -> ((Number) v).doubleValue() >= 0 && ((Number) v).doubleValue() < 1;
                case POSITIVE_FINITE -> ((Number) v).doubleValue() > 0 && Double.isFinite(((Number) v).doubleValue());
                case NON_NEGATIVE_FINITE -> ((Number) v).doubleValue() >= 0
                        && Double.isFinite(((Number) v).doubleValue());
            };
        }
    }

    /** When a key's range is checked. */
    public enum When {
        ALWAYS,
        /** Only when the architecture is not BERT (the attention placement keys). */
        NOT_BERT,
        /** Only when {@code num_moe_layers > 0}. */
        MOE
    }

    /** Groups of keys, for listings. */
    public enum Section {
        SHAPE("shape"),
        MIXING("mixing"),
        MOE("MoE"),
        REGULARISATION("regularisation"),
        RUN("run");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** The record component's name: {@code expert_d_ff -> expertDFf}. */
    public String component() {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : key.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** The type in words for listings: {@code int}, {@code number}, {@code LINEAR | F_NET | ...}. */
    public String typeName() {
        if (type == int.class || type == long.class) {
            return "integer";
        }
        if (type == double.class) {
            return "number";
        }
        if (type == boolean.class) {
            return "true | false";
        }
        if (type == RoutingAlgorithm.class) {
            return "routing name";
        }
        return String.join(" | ", enumNames());
    }

    /** The allowed values in words (range, or the enum constants). */
    public String allowed() {
        if (type.isEnum()) {
            return "one of " + String.join(", ", enumNames());
        }
        if (type == RoutingAlgorithm.class) {
            return "experts-choose, tokens-choose or a name registered with Routings.register";
        }
        return range.allowed();
    }

    /** The default as written in {@code key: value} lines. */
    public String defaultText() {
        return text(defaultValue);
    }

    /** A value as written in {@code key: value} lines and JSON strings. */
    static String text(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return String.valueOf(v);
    }

    /**
     * Parses a {@code key: value} string into this key's type.
     *
     * @throws IllegalArgumentException whose message says what was expected
     */
    public Object parse(String raw) {
        String v = raw == null ? "" : raw.trim();
        if (type == boolean.class) {
            String lower = v.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Boolean.parseBoolean(lower);
            }
            throw new IllegalArgumentException("true or false");
        }
        if (type == int.class || type == long.class) {
            try {
                long n = Long.parseLong(v.replace("_", ""));
                if (type == int.class && (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE)) {
                    throw new IllegalArgumentException("a whole number that fits in 32 bits");
                }
                return type == int.class ? (Object) (int) n : (Object) n;
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("a whole number", ex);
            }
        }
        if (type == double.class) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("a number", ex);
            }
        }
        if (type == RoutingAlgorithm.class) {
            try {
                return RoutingAlgorithm.of(v);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("a routing algorithm name (" + RoutingAlgorithm.declaredLabels()
                        + ", or one registered with Routings.register)", ex);
            }
        }
        String upper = v.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(upper)) {
                return c;
            }
        }
        throw new IllegalArgumentException("one of " + String.join(",", enumNames()));
    }

    /**
     * Converts a value handed to the builder into this key's Java type (an {@code Integer} for a
     * {@code double} key is widened, a string is parsed).
     */
    Object coerce(Object v) {
        if (v instanceof String s && type != String.class) {
            return parse(s);
        }
        if (type == double.class && v instanceof Number n) {
            return n.doubleValue();
        }
        if (type == long.class && (v instanceof Integer || v instanceof Long)) {
            return ((Number) v).longValue();
        }
        if (type == int.class && v instanceof Integer) {
            return v;
        }
        if (type == boolean.class && v instanceof Boolean) {
            return v;
        }
        if (v == null && !type.isPrimitive()) {
            return null;
        }
        if (v != null && !type.isPrimitive() && type.isInstance(v)) {
            return v;
        }
        throw new IllegalArgumentException(key + " takes " + typeName() + "; got " + (v == null ? "null"
                : v.getClass().getSimpleName() + " " + v) + ".");
    }

    private List<String> enumNames() {
        List<String> names = new ArrayList<>();
        for (Object c : type.getEnumConstants()) {
            names.add(((Enum<?>) c).name());
        }
        return names;
    }
}
