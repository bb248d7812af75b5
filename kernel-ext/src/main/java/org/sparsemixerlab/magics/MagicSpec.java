package org.sparsemixerlab.magics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.sparsemixerlab.render.Figure;

/**
 * Everything a magic declares about how it is called: name, line or cell, options, operands and a
 * summary. The argument parser ({@link #parse}), the usage line, {@code %magic --help} and the
 * {@code %lsmagic} entry are all generated from this one declaration.
 */
public final class MagicSpec {

    private final String name;
    private final boolean cell;
    private final String operands;
    private final String summary;
    private final List<MagicOption> options;
    private final boolean optionsFirst;
    private final String details;
    private final Class<?> resultType;

    private MagicSpec(String name, boolean cell, String operands, String summary, List<MagicOption> options,
                      boolean optionsFirst, String details, Class<?> resultType) {
        this.name = name;
        this.cell = cell;
        this.operands = operands;
        this.summary = summary;
        this.options = List.copyOf(options);
        this.optionsFirst = optionsFirst;
        this.details = details;
        this.resultType = resultType;
    }

    /**
     * A line magic {@code %name}.
     *
     * @param operands synopsis of the words after the options, e.g. {@code text...}; empty for none
     */
    public static MagicSpec line(String name, String operands, String summary, MagicOption... options) {
        return new MagicSpec(name, false, operands, summary, List.of(options), false, "", null);
    }

    /** A cell magic {@code %%name}; {@code operands} describes the first-line words (the body is described in details). */
    public static MagicSpec cell(String name, String operands, String summary, MagicOption... options) {
        return new MagicSpec(name, true, operands, summary, List.of(options), false, "", null);
    }

    /** Options are read only before the first operand (for magics whose operand is code, as {@code %timeit}). */
    public MagicSpec optionsFirst() {
        return new MagicSpec(name, cell, operands, summary, options, true, details, resultType);
    }

    /** More lines for {@code --help} (examples, the cell body's format). */
    public MagicSpec details(String text) {
        return new MagicSpec(name, cell, operands, summary, options, optionsFirst, text, resultType);
    }

    /**
     * What the magic returns, so that {@code var x = %name ...} gives {@code x} this type (see the
     * kernel's {@code TypedMagicTranspiler}); every value it returns must be one (or null).
     */
    public MagicSpec returns(Class<?> type) {
        return new MagicSpec(name, cell, operands, summary, options, optionsFirst, details, type);
    }

    /** The declared result type, or null. */
    public Class<?> resultType() {
        return resultType;
    }

    public String name() {
        return name;
    }

    public boolean cell() {
        return cell;
    }

    public List<MagicOption> options() {
        return options;
    }

    /** How the magic is typed: {@code %train}, {@code %%smconfig}. */
    public String invocation() {
        return (cell ? "%%" : "%") + name;
    }

    /** The arguments' synopsis: options, then operands. */
    public String synopsis() {
        List<String> parts = new ArrayList<>();
        options.forEach(o -> parts.add(o.synopsis()));
        if (!operands.isEmpty()) {
            parts.add(operands);
        }
        return String.join(" ", parts);
    }

    /** The usage line: invocation and synopsis. */
    public String usage() {
        String s = synopsis();
        return s.isEmpty() ? invocation() : invocation() + " " + s;
    }

    /** The text {@code %name --help} prints. */
    public String help() {
        StringBuilder sb = new StringBuilder("usage: ").append(usage()).append("\n\n").append(summary).append('\n');
        if (!options.isEmpty()) {
            sb.append("\noptions:\n");
            options.forEach(o -> sb.append(o.helpLine()).append('\n'));
        }
        sb.append(String.format("  %-18s %s%n", "--help", "show this help"));
        if (resultType != null) {
            sb.append("\nvar x = ").append(invocation()).append(" ... binds the ").append(resultType.getSimpleName())
                    .append(" it returns").append(Figure.class.isAssignableFrom(resultType)
                            ? "; x.save(\"name.png\") (or .svg, .html) keeps the figure" : "").append('\n');
        }
        if (!details.isEmpty()) {
            sb.append('\n').append(details.strip()).append('\n');
        }
        return sb.toString();
    }

    /** The entry {@code %lsmagic} shows. */
    public MagicHelp catalogEntry() {
        return new MagicHelp(name, cell, synopsis(), summary);
    }

    /** True when the arguments ask for help: {@code --help} before any operand, or {@code -h} first. */
    public boolean asksForHelp(List<String> args) {
        if (!args.isEmpty() && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
            return true;
        }
        if (optionsFirst) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--help")) {
                return true;
            }
        }
        return false;
    }

    /** Parses arguments against the declared options; a {@link MagicUsageException} says what is wrong. */
    public MagicArgs parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> words = new ArrayList<>();
        boolean onlyWords = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean optionPosition = !onlyWords && !(optionsFirst && !words.isEmpty());
            if (optionPosition && a.equals("--")) {
                onlyWords = true;
                continue;
            }
            Optional<MagicOption> option = Optional.empty();
            String inlineValue = null;
            if (optionPosition && a.startsWith("--") && a.length() > 2) {
                String n = a.substring(2);
                int eq = n.indexOf('=');
                if (eq > 0) {
                    inlineValue = n.substring(eq + 1);
                    n = n.substring(0, eq);
                }
                option = byLongName(n);
                if (option.isEmpty()) {
                    throw unknown("--" + n);
                }
            } else if (optionPosition && a.length() == 2 && a.charAt(0) == '-' && Character.isLetter(a.charAt(1))) {
                option = byShortName(a.charAt(1));
                if (option.isEmpty() && (optionsFirst || words.isEmpty() && hasShortNames())) {
                    throw unknown(a);
                }
            }
            if (option.isEmpty()) {
                if (!a.isEmpty()) {
                    words.add(a);
                }
                continue;
            }
            MagicOption o = option.get();
            if (o.kind() == MagicOption.Kind.FLAG) {
                if (inlineValue != null) {
                    throw new MagicUsageException(invocation() + ": " + o.spelling() + " is a switch and takes no value");
                }
                values.put(o.name(), "true");
                continue;
            }
            String value = inlineValue;
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new MagicUsageException(invocation() + ": " + o.spelling() + " needs a value ("
                            + o.metavar() + ")");
                }
                value = args.get(++i);
            }
            if (o.kind() == MagicOption.Kind.INTEGER) {
                checkInteger(o, value);
            }
            values.put(o.name(), value);
        }
        return new MagicArgs(this, values, words);
    }

    private void checkInteger(MagicOption o, String value) {
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n >= o.min() && n <= o.max()) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MagicUsageException(String.format("%s: %s expects a whole number in [%d, %d], got '%s'",
                invocation(), o.spelling(), o.min(), o.max(), value));
    }

    private MagicUsageException unknown(String spelled) {
        String known = options.stream().map(MagicOption::spelling).collect(Collectors.joining(", "));
        return new MagicUsageException(invocation() + ": unknown option " + spelled
                + (options.isEmpty() ? " (it takes no options)" : "; options: " + known) + ". See " + invocation()
                + " --help");
    }

    private boolean hasShortNames() {
        return options.stream().anyMatch(o -> o.shortName() != null);
    }

    Optional<MagicOption> byLongName(String n) {
        return options.stream().filter(o -> o.name().equals(n)).findFirst();
    }

    private Optional<MagicOption> byShortName(char c) {
        return options.stream().filter(o -> o.shortName() != null && o.shortName() == c).findFirst();
    }
}
