package org.sparsemixerlab.magics;

import java.util.Locale;

/**
 * One option of a magic, declared once: its parser, usage synopsis and {@code --help} line come from
 * here.
 *
 * @param name         long name without dashes ({@code steps} for {@code --steps})
 * @param shortName    one-letter name for {@code -n} style, or null
 * @param kind         what the value is
 * @param metavar      placeholder of the value in the synopsis ({@code N}, {@code DIR}); unused for flags
 * @param defaultValue the value when the option is absent (integers), or 0
 * @param min          smallest accepted integer
 * @param max          largest accepted integer
 * @param help         one line saying what it does (and what the default means when it is not a number)
 */
public record MagicOption(String name, Character shortName, Kind kind, String metavar, long defaultValue,
                          long min, long max, String help) {

    /** The value types a magic option can take. */
    public enum Kind { FLAG, INTEGER, TEXT }

    /** An on/off switch; no value. */
    public static MagicOption flag(String name, String help) {
        return new MagicOption(name, null, Kind.FLAG, "", 0, 0, 0, help);
    }

    /** A whole number in {@code [min, max]} with a default. */
    public static MagicOption integer(String name, String metavar, long defaultValue, long min, long max, String help) {
        return new MagicOption(name, null, Kind.INTEGER, metavar, defaultValue, min, max, help);
    }

    /** A word (a name, a path); absent means null. */
    public static MagicOption text(String name, String metavar, String help) {
        return new MagicOption(name, null, Kind.TEXT, metavar, 0, 0, 0, help);
    }

    /** The same option, also (or only, for IPython-style magics) spelled {@code -c}. */
    public MagicOption alias(char c) {
        return new MagicOption(name, c, kind, metavar, defaultValue, min, max, help);
    }

    /** How it is typed: {@code --steps} or, with a one-letter name, {@code -n}. */
    public String spelling() {
        return shortName != null ? "-" + shortName : "--" + name;
    }

    /** Its part of the usage line, e.g. {@code [--steps N]}, {@code [-q]}. */
    public String synopsis() {
        return "[" + spelling() + (kind == Kind.FLAG ? "" : " " + metavar) + "]";
    }

    /** Its line in {@code --help}. */
    public String helpLine() {
        String left = spelling() + (kind == Kind.FLAG ? "" : " " + metavar);
        String detail = help;
        if (kind == Kind.INTEGER) {
            detail += String.format(Locale.ROOT, " (%s..%s%s)", number(min), number(max),
                    defaultValue >= min && defaultValue <= max ? ", default " + number(defaultValue) : "");
        }
        return String.format(Locale.ROOT, "  %-18s %s", left, detail);
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
