package org.sparsemixerlab.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration does not validate; carries every problem found, not only the first. */
public class InvalidConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigError> errors;

    public InvalidConfigException(List<ConfigError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    /** The problems, in field order. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(List<ConfigError> errors) {
        return "invalid model configuration (" + errors.size() + " problem"
                + (errors.size() == 1 ? "" : "s") + "):\n"
                + errors.stream().map(e -> "  - " + e.message()).collect(Collectors.joining("\n"));
    }
}
