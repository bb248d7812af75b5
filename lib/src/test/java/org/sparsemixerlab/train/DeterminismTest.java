package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.WordPieceTokenizer;

/**
 * Same config, seed and thread count: bit-identical step losses, gradient norms, routing metrics
 * and held-out evaluations, for two uninterrupted runs and for a run interrupted and resumed.
 * (Before the row lookups went through {@code tensor.RowGather}, gradient norms and evaluations
 * differed in the 8th-9th digit between such runs on 2 threads.)
 */
class DeterminismTest {
    private static final ModelConfig CONFIG = Presets.get("sparse-mixer-tiny");
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults(4).withBatchSize(8)
            .withLearningRate(1e-3, 2).withEvaluation(2, 3);
    private static WordPieceTokenizer tokenizer;
    private static PretrainingData data;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.forVocabularySize(CONFIG.vocabSize());
        data = PretrainingData.prepare(CONFIG, tokenizer, List.of("moby-dick"), 12, 0);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** Every number a run reports except timings, in full precision. */
    static final class Record implements TrainingListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onStep(StepMetrics m) {
            lines.add("step " + m.step() + " lr=" + m.learningRate() + " loss=" + m.loss() + " grad_norm="
                    + m.gradNorm() + " " + new TreeMap<>(m.values()) + " " + m.moeLayers());
        }

        @Override
        public void onEval(EvalMetrics m) {
            lines.add("eval " + m.step() + " n=" + m.examples() + " " + new TreeMap<>(m.values()) + " " + m.moeLayers());
        }
    }

    private static List<String> run(Path out, int interruptAt) {
        Record record = new Record();
        TrainingListener interrupt = new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (m.step() == interruptAt) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), out)) {
            TrainingResult r = run.addListener(record).addListener(interrupt).run();
            if (r.status() == TrainingResult.Status.INTERRUPTED) {
                assertTrue(Thread.interrupted());
            }
        }
        return record.lines;
    }

    @Test
    void twoRunsAndAResumedRunGiveTheSameNumbersBitForBit(@TempDir Path dir) {
        List<String> a = run(null, -1);
        assertTrue(JniUtils.getNumThreads() > 1 || Runtime.getRuntime().availableProcessors() == 1,
                "runs on the engine's several intra-op threads, where the lookups used to differ");
        List<String> b = run(null, -1);
        assertEquals(4 + 2, a.size(), "4 steps and 2 evaluations: " + a);
        assertEquals(a, b);

        List<String> resumed = new ArrayList<>(run(dir.resolve("resumed"), 2));
        assertEquals(3, resumed.size(), "interrupted after step 2 and its evaluation: " + resumed);
        resumed.addAll(run(dir.resolve("resumed"), -1));
        assertEquals(a, resumed);
    }
}
