package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.PretrainingExampleBuilder;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;

class TrainCommandTest {

    private static String stdout(String... args) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertEquals(0, TrainCommand.run(args), "exit code of " + List.of(args));
        } finally {
            System.setOut(before);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsTheUsageOfTheCommandAndSucceeds() throws Exception {
        String pretrain = stdout("pretrain", "--help");
        assertTrue(pretrain.startsWith("usage: pretrain --preset NAME"), pretrain);
        assertFalse(pretrain.contains("finetune --task"), pretrain);
        assertTrue(pretrain.contains("sparse-mixer-tiny"), "lists the presets: " + pretrain);

        String finetune = stdout("finetune", "-h");
        assertTrue(finetune.startsWith("usage: finetune --task sentiment|food-reviews|paraphrase"), finetune);

        String top = stdout("--help");
        assertTrue(top.contains("pretrain --preset") && top.contains("finetune --task"), top);
        assertEquals(top, stdout("help"));
        // help wins over other (even broken) options
        assertTrue(stdout("pretrain", "--steps", "x", "--help").startsWith("usage: pretrain"));
        assertThrows(IllegalArgumentException.class, () -> TrainCommand.run(new String[] {"pretrian", "--out", "x"}));
    }

    private static Map<String, byte[]> contents(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    @Test
    void aFinishedRunFolderIsLeftAsItIs(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        String[] args = {"pretrain", "--preset", "sparse-mixer-tiny", "--steps", "2", "--batch", "2",
            "--sources", "moby-dick", "--max-docs", "4", "--eval-batches", "1", "--out", out.toString()};
        stdout(args);
        Map<String, byte[]> first = contents(out);
        assertTrue(first.keySet().containsAll(List.of("checkpoint.smlc", "metrics.jsonl", "provenance.json",
                "result.json", "summary.json")), first.keySet().toString());
        assertTrue(new String(first.get("result.json"), StandardCharsets.UTF_8).contains("\"last_step\" : {"));

        String again = stdout(args);
        assertTrue(again.contains("the run is complete (2 steps, asked for 2); nothing was changed"), again);
        Map<String, byte[]> second = contents(out);
        assertEquals(first.keySet(), second.keySet());
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), second.get(name), name + " changed");
        }
        // fewer steps than were done: also complete, unchanged
        args[4] = "1";
        assertTrue(stdout(args).contains("the run is complete (2 steps, asked for 1)"));
        assertArrayEquals(first.get("result.json"), Files.readAllBytes(out.resolve("result.json")));

        // through the library: the stored result comes back, the model holds the trained weights
        ModelConfig config = Presets.get("sparse-mixer-tiny");
        TrainingSettings settings = TrainingSettings.defaults(2).withBatchSize(2).withEvaluation(0, 1);
        try (WordPieceTokenizer tok = WordPieceTokenizer.forVocabularySize(config.vocabSize());
             NDManager m = NDManager.newBaseManager(Device.cpu())) {
            PretrainingData data = PretrainingData.prepare(config, tok, List.of("moby-dick"), 4, config.seed());
            TrainingResult result;
            float[] restored;
            try (PretrainingRun run = new PretrainingRun(config, settings, data, Device.cpu(), out)) {
                result = run.run();
                restored = run.model().getParameters().valueAt(0).getArray().toFloatArray();
            }
            assertEquals(TrainingResult.Status.COMPLETED, result.status());
            assertEquals(2, result.stepsDone());
            assertNotNull(result.lastStep());
            assertEquals(2, result.lastStep().step());
            assertEquals(2, result.finalEvaluation().step());
            assertTrue(result.message().startsWith("already complete"), result.message());

            PretrainingModel fresh = new PretrainingModel(config);
            int p = PretrainingExampleBuilder.defaultMaxPredictions(config.maxSeqLength());
            Shape ids = new Shape(2, config.maxSeqLength());
            fresh.initialize(m, DataType.FLOAT32, ids, ids, ids, new Shape(2, p));
            Checkpoint.restoreModel(out.resolve("checkpoint.smlc"), fresh, m);
            assertArrayEquals(fresh.getParameters().valueAt(0).getArray().toFloatArray(), restored);
        }
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), Files.readAllBytes(out.resolve(name)), name + " changed by the library");
        }
    }
}
