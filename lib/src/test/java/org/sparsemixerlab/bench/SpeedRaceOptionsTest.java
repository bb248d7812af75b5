package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeedRaceOptionsTest {

    @Test
    void defaultsAreTheThreeBasePresetsWithBertFirst() {
        SpeedRaceOptions o = SpeedRaceOptions.parse();
        assertEquals(List.of("bert-base", "sparse-mixer-base", "fast-sparse-mixer-base"), o.presets());
        assertEquals(List.of(2), o.batchSizes());
        assertEquals("auto", o.device());
        assertNull(o.json());
        assertTrue(o.breakdown());
        assertEquals(1, o.accumulation());
    }

    @Test
    void miniSwitchesPresetsAndOptionsAreRead() {
        SpeedRaceOptions o = SpeedRaceOptions.parse("--mini", "--batch", "8,16", "--reps", "3", "--warmup", "0",
                "--json", "out.json", "--no-breakdown", "--device", "cpu", "--accumulate", "16");
        assertEquals(List.of("bert-mini", "sparse-mixer-mini", "fast-sparse-mixer-mini"), o.presets());
        assertEquals(List.of(8, 16), o.batchSizes());
        assertEquals(3, o.reps());
        assertEquals(0, o.warmup());
        assertEquals(Path.of("out.json"), o.json());
        assertEquals(false, o.breakdown());
        assertEquals("cpu", o.device());
        assertEquals(16, o.accumulation());
    }

    @Test
    void badValuesSayWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpeedRaceOptions.parse("--reps", "0"));
        assertTrue(e.getMessage().contains("--reps must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeedRaceOptions.parse("--batch", "x"));
        assertTrue(e.getMessage().contains("non-negative integer, got 'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeedRaceOptions.parse("--accumulate", "0"));
        assertTrue(e.getMessage().contains("--accumulate must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpeedRaceOptions.parse("--fast"));
        assertTrue(e.getMessage().contains("unknown option '--fast'"), e.getMessage());
    }

    @Test
    void paperRatiosBelongToTheSparseMixerFamilies() {
        assertEquals(1.65, BaseScaleBenchmark.paperSpeedup("sparse-mixer-base")[0]);
        assertEquals(1.98, BaseScaleBenchmark.paperSpeedup("fast-sparse-mixer-base")[1]);
        assertNull(BaseScaleBenchmark.paperSpeedup("bert-base"));
    }
}
