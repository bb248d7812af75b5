package org.sparsemixerlab.config;

import java.util.List;

/** Overrides that name unknown keys or give values of the wrong type. */
public final class ConfigOverrideException extends InvalidConfigException {
    private static final long serialVersionUID = 1L;

    public ConfigOverrideException(List<ConfigError> errors) {
        super(errors);
    }
}
