package org.sparsemixerlab.magics;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A magic's arguments parsed against its {@link MagicSpec}: option values and the remaining words.
 * Typed getters apply the declared defaults; values were checked against the declaration while
 * parsing.
 *
 * @param spec    the declaration the arguments were parsed with
 * @param options option name (without dashes) to value; flags map to {@code "true"}
 * @param words   the other words, in order
 */
public record MagicArgs(MagicSpec spec, Map<String, String> options, List<String> words) {

    /**
     * Parses with an ad-hoc declaration: every name in {@code allowed} is a text option. For magics of
     * other extensions that have no {@link MagicSpec}; declare one instead where you can.
     */
    public static MagicArgs parse(String magic, List<String> args, Set<String> allowed) {
        String bare = magic.replaceFirst("^%+", "");
        MagicOption[] declared = allowed.stream().sorted().map(n -> MagicOption.text(n, "VALUE", n))
                .toArray(MagicOption[]::new);
        MagicSpec spec = magic.startsWith("%%") ? MagicSpec.cell(bare, "", "", declared)
                : MagicSpec.line(bare, "", "", declared);
        return spec.parse(args);
    }

    /** True if the option was given. */
    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** A text option's value, or null when absent. */
    public String text(String name) {
        declared(name, MagicOption.Kind.TEXT);
        return options.get(name);
    }

    /** True if the switch was given. */
    public boolean flag(String name) {
        declared(name, MagicOption.Kind.FLAG);
        return options.containsKey(name);
    }

    /** An integer option's value (checked against its range while parsing), or its declared default. */
    public int integer(String name) {
        MagicOption o = declared(name, MagicOption.Kind.INTEGER);
        String v = options.get(name);
        return v == null ? (int) o.defaultValue() : (int) Long.parseLong(v.replace("_", ""));
    }

    /**
     * An option's value as a whole number within [min, max], or {@code fallback} when absent (for
     * options declared as text; declared integers use {@link #integer(String)}).
     */
    public int intOption(String magic, String name, int fallback, int min, int max) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.replace("_", ""));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException(magic + ": --" + name + " expects a whole number in [" + min + ", " + max
                + "], got '" + v + "'");
    }

    /** The words joined with single spaces. */
    public String text() {
        return String.join(" ", words);
    }

    private MagicOption declared(String name, MagicOption.Kind kind) {
        MagicOption o = spec.byLongName(name).orElseThrow(
                () -> new IllegalStateException(spec.invocation() + " does not declare --" + name));
        if (o.kind() != kind) {
            throw new IllegalStateException(spec.invocation() + " declares --" + name + " as " + o.kind());
        }
        return o;
    }
}
