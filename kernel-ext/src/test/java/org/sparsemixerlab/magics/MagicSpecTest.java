package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one declaration of a magic drives its parser, usage line, --help and catalog entry. */
class MagicSpecTest {

    private static final MagicSpec SPEC = MagicSpec.line("demo", "text...", "Does a demo",
            MagicOption.integer("steps", "N", 40, 1, 100, "how many"),
            MagicOption.text("out", "DIR", "where"),
            MagicOption.flag("quiet", "say nothing"));

    private static final MagicSpec TIMED = MagicSpec.line("t", "<code>", "Times code",
            MagicOption.integer("loops", "LOOPS", -1, 1, 1000, "loops (default: automatic)").alias('n'),
            MagicOption.flag("quiet", "quiet").alias('q')).optionsFirst();

    @Test
    void usageAndHelpComeFromTheDeclaration() {
        assertEquals("%demo [--steps N] [--out DIR] [--quiet] text...", SPEC.usage());
        String help = SPEC.help();
        assertTrue(help.startsWith("usage: %demo [--steps N] [--out DIR] [--quiet] text...\n\nDoes a demo\n"), help);
        assertTrue(help.contains("--steps N          how many (1..100, default 40)"), help);
        assertTrue(help.contains("--quiet            say nothing"), help);
        assertTrue(help.contains("--help"), help);
        assertEquals(new MagicHelp("demo", false, "[--steps N] [--out DIR] [--quiet] text...", "Does a demo"),
                SPEC.catalogEntry());
        // a default outside the range is not printed as a default
        assertTrue(TIMED.help().contains("-n LOOPS           loops (default: automatic) (1..1,000)\n"), TIMED.help());
    }

    @Test
    void parserAppliesDefaultsTypesAndRanges() {
        MagicArgs a = SPEC.parse(List.of("hello", "--steps=7", "world", "--quiet", "--out", "x y"));
        assertEquals(7, a.integer("steps"));
        assertEquals("x y", a.text("out"));
        assertTrue(a.flag("quiet"));
        assertEquals("hello world", a.text());
        MagicArgs none = SPEC.parse(List.of());
        assertEquals(40, none.integer("steps"));
        assertEquals(null, none.text("out"));
        assertFalse(none.flag("quiet"));
        assertEquals(List.of("--steps", "3"), SPEC.parse(List.of("--", "--steps", "3")).words());
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatWasExpected() {
        assertEquals("%demo: --steps expects a whole number in [1, 100], got '0'",
                assertThrows(MagicUsageException.class, () -> SPEC.parse(List.of("--steps", "0"))).getMessage());
        assertEquals("%demo: --steps expects a whole number in [1, 100], got 'x'",
                assertThrows(MagicUsageException.class, () -> SPEC.parse(List.of("--steps=x"))).getMessage());
        assertEquals("%demo: --out needs a value (DIR)",
                assertThrows(MagicUsageException.class, () -> SPEC.parse(List.of("--out"))).getMessage());
        assertEquals("%demo: --quiet is a switch and takes no value",
                assertThrows(MagicUsageException.class, () -> SPEC.parse(List.of("--quiet=1"))).getMessage());
        assertEquals("%demo: unknown option --stepz; options: --steps, --out, --quiet. See %demo --help",
                assertThrows(MagicUsageException.class, () -> SPEC.parse(List.of("--stepz", "1"))).getMessage());
        assertThrows(IllegalStateException.class, () -> SPEC.parse(List.of()).integer("out"));
    }

    @Test
    void optionsFirstStopsAtTheCodeAndKnowsShortNames() {
        MagicArgs a = TIMED.parse(List.of("-n", "5", "-q", "x", "-n", "--bogus"));
        assertEquals(5, a.integer("loops"));
        assertTrue(a.flag("quiet"));
        assertEquals("x -n --bogus", a.text());
        assertEquals(-1, TIMED.parse(List.of("1+1")).integer("loops"));
        assertTrue(assertThrows(MagicUsageException.class, () -> TIMED.parse(List.of("-z", "1")))
                .getMessage().contains("unknown option -z; options: -n, -q"));
    }

    @Test
    void helpIsAskedByHelpOrAnInitialH() {
        assertTrue(SPEC.asksForHelp(List.of("a", "--help")));
        assertTrue(SPEC.asksForHelp(List.of("-h")));
        assertFalse(SPEC.asksForHelp(List.of("--", "--help")));
        assertFalse(TIMED.asksForHelp(List.of("x", "--help")));
        assertTrue(TIMED.asksForHelp(List.of("--help")));
    }
}
