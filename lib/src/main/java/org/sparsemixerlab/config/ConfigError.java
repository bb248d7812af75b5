package org.sparsemixerlab.config;

/**
 * One problem of a configuration: the field (snake_case key), the value received, what is allowed
 * and what to do about it.
 */
public record ConfigError(String field, String value, String allowed, String hint) {

    /** A one-line message: {@code d_model = 100: must be divisible by num_heads (8). Hint...}. */
    public String message() {
        String base = field + " = " + value + ": expected " + allowed + ".";
        return hint == null || hint.isBlank() ? base : base + " " + hint;
    }

    @Override
    public String toString() {
        return message();
    }
}
