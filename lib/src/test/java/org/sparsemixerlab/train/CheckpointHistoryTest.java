package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointHistoryTest {
    @TempDir
    Path dir;

    @Test
    void keepsEveryNthCheckpointAndTheLastOneAsWholeCopies() throws Exception {
        Path live = dir.resolve("checkpoint.smlc");
        CheckpointHistory h = new CheckpointHistory(dir.resolve("history"), 4);
        h.onStart(null, 0, 10);
        for (long step : new long[] {2, 4, 6, 8, 10}) {
            Files.write(live, new byte[] {(byte) step, 7});
            h.onCheckpoint(step, live);
        }
        List<Path> kept = CheckpointHistory.kept(dir.resolve("history"));
        assertEquals(List.of(4L, 8L, 10L), kept.stream().map(CheckpointHistory::stepOf).toList());
        assertArrayEquals(new byte[] {8, 7}, Files.readAllBytes(kept.get(1)));
        assertEquals("step-000010.smlc", kept.get(2).getFileName().toString());
        try (var files = Files.list(dir.resolve("history"))) {
            assertEquals(3, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void refusesANonPositiveIntervalAndForeignNames() {
        assertThrows(IllegalArgumentException.class, () -> new CheckpointHistory(dir, 0));
        assertThrows(IllegalArgumentException.class, () -> CheckpointHistory.stepOf(Path.of("checkpoint.smlc")));
        assertEquals(List.of(), assertDoesNotThrowKept(dir.resolve("none")));
    }

    private static List<Path> assertDoesNotThrowKept(Path p) {
        try {
            return CheckpointHistory.kept(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
