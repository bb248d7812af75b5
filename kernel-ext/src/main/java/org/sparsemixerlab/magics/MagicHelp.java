package org.sparsemixerlab.magics;

/**
 * One entry of the magic catalog shown by {@code %lsmagic}.
 *
 * @param name    magic name without % signs
 * @param cell    true for a cell magic ({@code %%name}), false for a line magic
 * @param usage   argument synopsis, e.g. {@code [-n LOOPS] [-r REPEATS] <statement>}
 * @param summary one line saying what it does
 */
public record MagicHelp(String name, boolean cell, String usage, String summary) {

    /** How the magic is typed, e.g. {@code %%time} or {@code %classpath}. */
    public String invocation() {
        return (cell ? "%%" : "%") + name;
    }
}
