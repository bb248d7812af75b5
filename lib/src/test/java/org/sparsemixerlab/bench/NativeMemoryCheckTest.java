package org.sparsemixerlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.Presets;

class NativeMemoryCheckTest {

    @Test
    void liveArrayCountIsTheSameAfterManyMoreTrainingSteps() {
        List<NativeMemoryCheck.Sample> samples = NativeMemoryCheck.run(Presets.get("sparse-mixer-tiny"), 2, 24, 8);
        assertEquals(3, samples.size());
        assertTrue(samples.get(0).liveArrays() > 0, "the model's parameters and AdamW moments are live arrays");
        assertEquals(samples.get(0).liveArrays(), samples.get(2).liveArrays(),
                "live NDArrays at step 8 and step 24: " + samples);
    }

    @Test
    void withGradientAccumulationTheLiveArrayCountStaysTheSameToo() {
        List<NativeMemoryCheck.Sample> samples = NativeMemoryCheck.run(Presets.get("sparse-mixer-tiny"), 2, 3, 16, 8,
                s -> { });
        assertEquals(2, samples.size());
        assertEquals(samples.get(0).liveArrays(), samples.get(1).liveArrays(),
                "live NDArrays at step 8 and step 16, 3 micro-batches per step: " + samples);
    }

    @Test
    void slopeIsTheLeastSquaresFitOfTheSamples() {
        // y = 3 + 0.5 x exactly for RSS, and a symmetric wobble with zero trend for live arrays
        List<NativeMemoryCheck.Sample> s = List.of(new NativeMemoryCheck.Sample(0, 3, 7),
                new NativeMemoryCheck.Sample(10, 8, 9), new NativeMemoryCheck.Sample(20, 13, 9),
                new NativeMemoryCheck.Sample(30, 18, 7));
        assertEquals(0.5, NativeMemoryCheck.slope(s, true), 1e-12);
        assertEquals(0.0, NativeMemoryCheck.slope(s, false), 1e-12);
    }

    @Test
    void residentMemoryIsReadFromProcWhenAvailable() {
        long kib = NativeMemoryCheck.residentKib();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/status"))) {
            assertTrue(kib > 1024, "a JVM uses more than 1 MiB resident, got " + kib + " KiB");
        } else {
            assertEquals(-1, kib);
        }
    }
}
