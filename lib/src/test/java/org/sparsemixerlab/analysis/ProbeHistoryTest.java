package org.sparsemixerlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.train.AdamW;
import org.sparsemixerlab.train.Checkpoint;
import org.sparsemixerlab.train.PretrainingData;
import org.sparsemixerlab.train.RunProvenance;

class ProbeHistoryTest {
    @TempDir
    Path dir;

    static ProbeHistory handMade() {
        ModelConfig c = Presets.get("sparse-mixer-tiny");
        return new ProbeHistory("run/history", c, List.of(1, 2), 4, new int[] {101, 7592, 102}, new int[] {0, 0, 0},
                new int[] {0, 1, 2}, List.of(new ProbePoint(2000, new int[][] {{0, 1, 2}, {3, 3, 3}},
                        new long[][] {{1, 1, 1, 0}, {0, 0, 0, 3}}), new ProbePoint(4000,
                        new int[][] {{0, 1, 1}, {3, 2, 3}}, new long[][] {{1, 2, 0, 0}, {0, 0, 1, 2}})));
    }

    @Test
    void roundTripKeepsEveryField() throws IOException {
        ProbeHistory h = handMade();
        Path f = dir.resolve("h.probes.json");
        ProbeHistoryFile.write(f, h);
        String text = Files.readString(f);
        assertTrue(text.startsWith("{\"format\":\"sml-probe-history\",\"version\":1,"), text.substring(0, 60));
        assertTrue(text.contains("\"top_expert\""), "snake_case keys");
        ProbeHistory r = ProbeHistoryFile.read(f);
        assertEquals(h.source(), r.source());
        assertEquals(h.config(), r.config());
        assertEquals(h.layers(), r.layers());
        assertArrayEquals(h.tokenIds(), r.tokenIds());
        assertArrayEquals(h.positions(), r.positions());
        assertArrayEquals(new long[] {2000, 4000}, r.steps());
        assertArrayEquals(h.points().get(1).topExpert()[1], r.points().get(1).topExpert()[1]);
        assertArrayEquals(h.points().get(1).load()[0], r.points().get(1).load()[0]);
        Stability s = Stability.of(r, 2);
        assertArrayEquals(new double[] {1.0 / 3}, s.changed(), 1e-12);
    }

    @Test
    void otherFilesAndInconsistentHistoriesAreRefusedWithWhatWasFound() throws IOException {
        Path f = dir.resolve("other.json");
        Files.writeString(f, "{\"format\":\"something-else\",\"version\":1,\"history\":null}");
        IOException e = assertThrows(IOException.class, () -> ProbeHistoryFile.read(f));
        assertTrue(e.getMessage().contains("something-else"), e.getMessage());
        assertThrows(IOException.class, () -> ProbeHistoryFile.read(dir.resolve("missing.json")));
        ProbeHistory h = handMade();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> h.with(new ProbePoint(1000, new int[][] {{0, 0, 0}, {0, 0, 0}}, new long[][] {{3}, {3}})));
        assertTrue(bad.getMessage().contains("increasing steps"), bad.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> h.with(new ProbePoint(5000, new int[][] {{0, 0}, {0, 0}}, new long[][] {{2}, {2}})));
        assertThrows(IllegalArgumentException.class, () -> Stability.of(h, 3));
    }

    @Test
    void commandRoutesTheProbeThroughEveryCheckpointInStepOrder() throws IOException {
        ModelConfig c = Presets.get("sparse-mixer-tiny").toBuilder().vocabSize(8192).build();
        Path history = Files.createDirectories(dir.resolve("run").resolve("history"));
        int[][] expectedTop = new int[2][];
        try (NDManager m = NDManager.newBaseManager(); WordPieceTokenizer tok = WordPieceTokenizer.forVocabularySize(8192)) {
            var examples = PretrainingData.heldout(c, tok, PretrainingCorpus.SOURCES, c.seed());
            for (int k = 0; k < 2; k++) {
                Engine.getInstance().setRandomSeed(11 + k);
                PretrainingModel model = new PretrainingModel(c);
                Shape s = new Shape(2, c.maxSeqLength());
                model.initialize(m, DataType.FLOAT32, s, s, s, new Shape(2, 10));
                RunProvenance p = RunProvenance.capture("pretrain", c, 0, Map.of(), Map.of(), "cpu()");
                // file names sort opposite to the steps: the command must order by the stored step
                try (AdamW opt = new AdamW(AdamW.Settings.reference(), m)) {
                    Checkpoint.write(history.resolve(k == 0 ? "b.smlc" : "a.smlc"),
                            new Checkpoint(100 * (k + 1), DataPosition.start(0), p), model, opt);
                }
                expectedTop[k] = RoutingSample.collect(model.encoder(), examples, 150, RoutingSample.DEFAULT_BATCH)
                        .layers().get(1).topExpert();
            }
        }
        Path out = dir.resolve("probes.json");
        int rc = ProbeHistoryCommand.run(new String[] {"--checkpoints", history.toString(), "--out", out.toString(),
            "--tokens", "150"});
        assertEquals(0, rc);
        ProbeHistory h = ProbeHistoryFile.read(out);
        assertEquals("run/history", h.source(), "the source names the run folder, not a machine path");
        assertArrayEquals(new long[] {100, 200}, h.steps());
        assertTrue(h.tokenIds().length >= 150);
        assertArrayEquals(expectedTop[0], h.points().get(0).topExpert()[1]);
        assertArrayEquals(expectedTop[1], h.points().get(1).topExpert()[1]);
        long changed = 0;
        for (int i = 0; i < expectedTop[0].length; i++) {
            changed += expectedTop[0][i] != expectedTop[1][i] ? 1 : 0;
        }
        assertEquals((double) changed / expectedTop[0].length, Stability.of(h, h.layers().get(1)).changed()[0], 1e-12);
    }

    @Test
    void commandUsageMistakesExitWithTwo() throws IOException {
        assertEquals(2, ProbeHistoryCommand.run(new String[] {"--out", dir.resolve("x.json").toString()}));
        assertEquals(2, ProbeHistoryCommand.run(new String[] {"--checkpoints", dir.toString(), "--out", "x", "--tokens", "0"}));
        assertEquals(2, ProbeHistoryCommand.run(new String[] {"--checkpoints", dir.toString(), "--out",
            dir.resolve("x.json").toString()}), "a folder without checkpoints");
        assertEquals(2, ProbeHistoryCommand.run(new String[] {"--bogus", "1"}));
    }
}
