package org.sparsemixerlab.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExpertCapacityTest {

    // SPEC 2.3 table: cf, T, E, expected C (min capacity 4).
    @ParameterizedTest
    @CsvSource({"1.0,4096,16,256", "0.5,4096,16,128", "1.0,2048,16,128", "0.5,2048,16,64",
            "1.0,36,8,4", "0.5,20,4,4"})
    void capacityMatchesTheReferenceTable(double cf, int tokens, int experts, int expected) {
        assertEquals(expected, ExpertCapacity.capacity(cf, tokens, experts, 4));
    }

    @Test
    void capacityRoundsHalfToEvenWithoutAFloor() {
        assertEquals(4, ExpertCapacity.capacity(1.0, 36, 8, 0));   // 4.5 -> 4
        assertEquals(2, ExpertCapacity.capacity(0.5, 20, 4, 0));   // 2.5 -> 2
        assertEquals(6, ExpertCapacity.capacity(1.0, 11, 2, 0));   // 5.5 -> 6
        assertEquals(4, ExpertCapacity.capacity(1.0, 14, 4, 0));   // 3.5 -> 4
        assertEquals(3, ExpertCapacity.capacity(1.25, 10, 4, 0));  // 3.125 -> 3
    }

    // SPEC 2.2 table: max_group_size, tokens, expected G (E does not enter the rule).
    @ParameterizedTest
    @CsvSource({"8,32,4", "16,32,2", "3,32,16", "32,32,1", "64,32,1"})
    void groupCountMatchesTheReferenceTable(int maxGroupSize, int tokens, int expected) {
        assertEquals(expected, ExpertCapacity.numGroups(tokens, maxGroupSize));
    }

    @Test
    void groupCountOfFourThousandTokensIsOne() {
        assertEquals(1, ExpertCapacity.numGroups(8 * 512, 4096));
    }

    @Test
    void badArgumentsAreRejectedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExpertCapacity.capacity(0, 10, 2, 4));
        assertEquals(true, e.getMessage().contains("cf=0.0"));
        assertThrows(IllegalArgumentException.class, () -> ExpertCapacity.numGroups(0, 8));
    }
}
