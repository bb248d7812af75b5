package org.sparsemixerlab.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ConfigError;

class ConfigCellTest {

    private static ConfigError only(ConfigCell c) {
        assertFalse(c.ok());
        assertNull(c.config());
        assertEquals(1, c.errors().size(), c.errors().toString());
        return c.errors().get(0);
    }

    @Test
    void validBodyGivesTheConfigAndItsDiffAgainstThePreset() {
        ConfigCell c = ConfigCell.parse("sparse-mixer-tiny", "num_experts: 8   # more experts\n\nrouting_algorithm = tokens_choose\n");
        assertTrue(c.ok(), c.errors().toString());
        assertEquals(8, c.config().numExperts());
        assertEquals(List.of("num_experts", "routing_algorithm"), c.changes().stream().map(ch -> ch.field()).toList());
        assertTrue(c.html("cfg").html().contains("active parameters per token"));
    }

    @Test
    void unknownKeyIsReportedWithItsName() {
        ConfigError e = only(ConfigCell.parse("sparse-mixer-tiny", "num_expert: 8"));
        assertEquals("num_expert", e.field());
        assertTrue(e.hint().contains("num_experts"), e.hint());
    }

    @Test
    void wrongTypeSaysWhatIsExpected() {
        ConfigError e = only(ConfigCell.parse("sparse-mixer-tiny", "num_experts: eight"));
        assertEquals("num_experts", e.field());
        assertEquals("a whole number", e.allowed());
    }

    @Test
    void outOfRangeValueIsCaughtByValidation() {
        ConfigCell c = ConfigCell.parse("sparse-mixer-tiny", "train_capacity_factor: -1");
        assertFalse(c.ok());
        assertTrue(c.errors().stream().anyMatch(e -> e.field().equals("train_capacity_factor")), c.errors().toString());
    }

    @Test
    void unknownPresetListsThePresets() {
        ConfigError e = only(ConfigCell.parse("sparse-mixer-huge", "num_experts: 8"));
        assertEquals("preset", e.field());
        assertTrue(e.allowed().contains("sparse-mixer-tiny"), e.allowed());
    }

    @Test
    void emptyBodyIsAnError() {
        ConfigError e = only(ConfigCell.parse("sparse-mixer-tiny", "  \n# only a comment\n"));
        assertEquals("body", e.field());
    }

    @Test
    void lineWithoutSeparatorIsAnError() {
        ConfigError e = only(ConfigCell.parse("sparse-mixer-tiny", "num_experts 8"));
        assertEquals("line 1", e.field());
    }

    @Test
    void magicArgsRejectUndeclaredOptionsAndBadNumbers() {
        MagicUsageException e = org.junit.jupiter.api.Assertions.assertThrows(MagicUsageException.class,
                () -> MagicArgs.parse("%train", List.of("--stepz", "3"), Set.of("steps")));
        assertTrue(e.getMessage().contains("unknown option --stepz"), e.getMessage());
        MagicArgs a = MagicArgs.parse("%train", List.of("--steps", "x"), Set.of("steps"));
        MagicUsageException bad = org.junit.jupiter.api.Assertions.assertThrows(MagicUsageException.class,
                () -> a.intOption("%train", "steps", 1, 1, 10));
        assertTrue(bad.getMessage().contains("whole number in [1, 10], got 'x'"), bad.getMessage());
        assertEquals("call me", MagicArgs.parse("%routing", List.of("--layer=1", "call", "me"), Set.of("layer")).text());
    }
}
