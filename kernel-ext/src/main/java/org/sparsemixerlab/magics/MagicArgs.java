package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Magic arguments split into {@code --option value} pairs and the remaining words. Only the options
 * a magic declares are accepted; anything else that starts with {@code --} is a usage error.
 *
 * @param options option name (without dashes) to value
 * @param words the other words, in order
 */
public record MagicArgs(Map<String, String> options, List<String> words) {

    /** Parses {@code args}; every declared option takes one value. */
    public static MagicArgs parse(String magic, List<String> args, Set<String> allowed) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--") && a.length() > 2) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq > 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (!allowed.contains(name)) {
                    throw new MagicUsageException(magic + ": unknown option --" + name
                            + (allowed.isEmpty() ? " (it takes none)" : "; options: --" + String.join(", --", allowed)));
                }
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new MagicUsageException(magic + ": option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                options.put(name, value);
            } else if (!a.isEmpty()) {
                words.add(a);
            }
        }
        return new MagicArgs(options, words);
    }

    /** An option's value as a whole number within [min, max], or {@code fallback} when absent. */
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
}
