package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.data.PretrainingExample;

class LabModelCommandTest {
    @TempDir
    Path dir;

    @Test
    void recordingSumsReplacesThoseLinesAndKeepsTheOthersInOrder() throws Exception {
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        Files.writeString(dir.resolve("SHA256SUMS"), a + "  corpus/x.txt.gz\n" + b + "  models/m.smlp\n",
                StandardCharsets.UTF_8);
        String c = "c".repeat(64);
        String d = "d".repeat(64);
        LabModelCommand.recordSums(dir, Map.of("models/m.smlp", c, "models/m.json", d));
        assertEquals(List.of(a + "  corpus/x.txt.gz", c + "  models/m.smlp", d + "  models/m.json"),
                Files.readAllLines(dir.resolve("SHA256SUMS")));
    }

    @Test
    void theRealTokenFractionCountsPaddingOut() {
        int[] none = new int[0];
        PretrainingExample full = new PretrainingExample(new int[4], new int[4], new int[] {1, 1, 1, 1}, none, none,
                new float[0], 0);
        PretrainingExample half = new PretrainingExample(new int[4], new int[4], new int[] {1, 1, 0, 0}, none, none,
                new float[0], 0);
        assertEquals(0.75, LabModelCommand.realTokenFraction(List.of(full, half)), 1e-12);
    }

    @Test
    void theUnigramLossIsTheSmoothedCrossEntropyOfTheMaskedLabels() {
        // Vocabulary 4; training labels 1,1,2 -> counts 1+[0,2,1,0] = [1,3,2,1] of 7.
        PretrainingExample train = new PretrainingExample(new int[3], new int[3], new int[] {1, 1, 1},
                new int[] {0, 1, 2}, new int[] {1, 1, 2}, new float[] {1, 1, 1}, 0);
        PretrainingExample eval = new PretrainingExample(new int[3], new int[3], new int[] {1, 1, 1},
                new int[] {0, 1, 0}, new int[] {1, 3, 0}, new float[] {1, 1, 0}, 0);
        double expected = -(Math.log(3.0 / 7) + Math.log(1.0 / 7)) / 2;
        assertEquals(expected, UnigramBaseline.unigramLoss(List.of(train), List.of(eval), 4), 1e-12);
    }

    @Test
    void badCommandsAreRefusedWithWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabModelCommand.run(new String[] {"import"}));
        assertTrue(e.getMessage().contains("expected the command 'export'"), e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> LabModelCommand.run(
                new String[] {"export", "--run", dir.toString(), "--name", "Bad Name", "--preset", "bert-tiny",
                    "--description", "x", "--datasets", dir.toString()}));
        assertTrue(n.getMessage().contains("--name expects"), n.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> LabModelCommand.run(
                new String[] {"export", "--run", dir.toString(), "--name", "m", "--preset", "bert-tiny",
                    "--description", "x", "--datasets", dir.toString()}));
        assertTrue(r.getMessage().contains("no checkpoint.smlc in"), r.getMessage());
    }
}
