package org.sparsemixerlab.ablation;

import java.util.Map;

/**
 * One arm of a study: the base configuration changed by a few config keys.
 *
 * @param name short name, used in file names (letters, digits, '.', '_', '-')
 * @param description what the variant changes and why, in words
 * @param overrides config key to value, applied on top of the study's base (see {@link
 *     org.sparsemixerlab.config.ConfigJson#applyOverrides})
 * @param paperClaim what the paper says about this variant, or null
 */
public record Variant(String name, String description, Map<String, String> overrides, PaperClaim paperClaim) {

    public Variant {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a variant name may hold letters, digits, '.', '_' and '-' only "
                    + "(it names files), received '" + name + "'");
        }
        description = description == null ? "" : description;
        overrides = Map.copyOf(overrides);
    }
}
