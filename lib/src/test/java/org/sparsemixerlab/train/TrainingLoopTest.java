package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.tensor.ScalarArithmetic;

/** The loop on the real corpus (Moby-Dick only, a few documents) with the tiny preset. */
class TrainingLoopTest {
    private static WordPieceTokenizer tokenizer;
    private static PretrainingData data;
    private static final ModelConfig CONFIG = Presets.get("sparse-mixer-tiny");
    private static final TrainingSettings SETTINGS = TrainingSettings.defaults(6).withBatchSize(4)
            .withLearningRate(1e-3, 2).withEvaluation(0, 2);

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.bertUncased();
        data = PretrainingData.prepare(CONFIG, tokenizer, List.of("moby-dick"), 8, 0);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    /** Records the loss of every step. */
    static final class LossRecorder implements TrainingListener {
        final List<Double> losses = new ArrayList<>();

        @Override
        public void onStep(StepMetrics m) {
            losses.add(m.loss());
        }
    }

    private static double[] losses(LossRecorder r) {
        return r.losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void sameSeedAndConfigGiveIdenticalLosses() {
        LossRecorder a = new LossRecorder();
        LossRecorder b = new LossRecorder();
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), null)) {
            run.addListener(a).run();
        }
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), null)) {
            run.addListener(b).run();
        }
        assertEquals(6, a.losses.size());
        assertArrayEquals(losses(a), losses(b));
        LossRecorder other = new LossRecorder();
        try (PretrainingRun run = new PretrainingRun(CONFIG.toBuilder().seed(5).build(), SETTINGS, data,
                Device.cpu(), null)) {
            run.addListener(other).run();
        }
        assertNotEquals(losses(a)[0], losses(other)[0]);
    }

    @Test
    void interruptedRunResumesWithTheSameLossesAsAnUninterruptedOne(@TempDir Path dir) throws Exception {
        LossRecorder full = new LossRecorder();
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), dir.resolve("full"))) {
            TrainingResult r = run.addListener(full).run();
            assertEquals(TrainingResult.Status.COMPLETED, r.status());
        }
        LossRecorder first = new LossRecorder();
        TrainingListener interruptAtThree = new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (m.step() == 3) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Path resumed = dir.resolve("resumed");
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), resumed)) {
            TrainingResult r = run.addListener(first).addListener(interruptAtThree).run();
            assertEquals(TrainingResult.Status.INTERRUPTED, r.status());
            assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
            assertEquals(3, Checkpoint.peek(resumed.resolve("checkpoint.smlc")).step());
        }
        LossRecorder second = new LossRecorder();
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), resumed)) {
            TrainingResult r = run.addListener(second).run();
            assertEquals(TrainingResult.Status.COMPLETED, r.status());
            assertEquals(6, r.stepsDone());
        }
        List<Double> joined = new ArrayList<>(first.losses);
        joined.addAll(second.losses);
        assertEquals(full.losses, joined);
        assertTrue(Files.readString(resumed.resolve("provenance.json")).contains("\"data_files\""));
        assertTrue(Files.readString(resumed.resolve("result.json")).contains("COMPLETED"));
        assertEquals(6 + 1, Files.readAllLines(resumed.resolve("metrics.jsonl")).size(), "6 steps and 1 evaluation");
    }

    /** A pre-training objective whose loss becomes NaN at a chosen step. */
    static final class PoisonedTask implements TrainingTask<PretrainingBatch> {
        final PretrainingTask inner = new PretrainingTask(CONFIG);
        final int poisonAt;
        final boolean gradientOnly;
        int calls;

        PoisonedTask(int poisonAt, boolean gradientOnly) {
            this.poisonAt = poisonAt;
            this.gradientOnly = gradientOnly;
        }

        public String name() {
            return "poisoned";
        }

        public NDList inputs(PretrainingBatch b, ai.djl.ndarray.NDManager m) {
            return inner.inputs(b, m);
        }

        public NDArray loss(NDList outputs, NDList inputs, MetricSums sums) {
            NDArray loss = inner.loss(outputs, inputs, sums);
            if (++calls != poisonAt) {
                return loss;
            }
            if (gradientOnly) {
                // sqrt(0 * logits) is 0 in the forward pass, but its derivative at 0 is infinite:
                // a finite loss whose gradient is NaN from the MLM logits back.
                NDArray zero = ScalarArithmetic.mul(outputs.get(0), 0.0).sqrt().sum();
                return loss.add(zero);
            }
            return ScalarArithmetic.mul(loss, Float.NaN);
        }

        public Map<String, Double> summarize(MetricSums sums) {
            return inner.summarize(sums);
        }

        public long tokens(PretrainingBatch b) {
            return inner.tokens(b);
        }

        public int examples(PretrainingBatch b) {
            return b.batchSize();
        }
    }

    @Test
    void nonFiniteLossStopsBeforeTheUpdateAndKeepsTheLastCheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.smlc");
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS.withCheckpointEvery(2), data, Device.cpu(), null)) {
            TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(run.model(), new PoisonedTask(3, false),
                    SETTINGS.withCheckpointEvery(2), run.manager(), run.provenance()).checkpointTo(file);
            try (ExampleBatches<?, PretrainingBatch> batches = new ExampleBatches<>(data.train(), 4, 0,
                    PretrainingBatch::of)) {
                TrainingResult r = loop.run(batches);
                assertEquals(TrainingResult.Status.DIVERGED, r.status());
                assertEquals(2, r.stepsDone());
                assertTrue(r.message().contains("at step 3"), r.message());
                assertTrue(r.message().contains("mlm_loss"), r.message());
            }
            assertEquals(2, Checkpoint.peek(file).step());
        }
    }

    @Test
    void nonFiniteGradientNamesWhereItAppeared() {
        try (PretrainingRun run = new PretrainingRun(CONFIG, SETTINGS, data, Device.cpu(), null)) {
            TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(run.model(), new PoisonedTask(2, true), SETTINGS,
                    run.manager(), run.provenance());
            try (ExampleBatches<?, PretrainingBatch> batches = new ExampleBatches<>(data.train(), 4, 0,
                    PretrainingBatch::of)) {
                TrainingResult r = loop.run(batches);
                assertEquals(TrainingResult.Status.DIVERGED, r.status());
                assertEquals(1, r.stepsDone());
                assertTrue(r.message().contains("non-finite gradient at step 2"), r.message());
                assertTrue(r.message().contains("it appeared in or above encoder layer 3 (output heads affected too)"),
                        r.message());
            }
        }
    }

    @Test
    void mlmAccuracyIsReportedAndTheModelLearnsOnRealText() {
        TrainingSettings longer = TrainingSettings.defaults(30).withBatchSize(8).withLearningRate(2e-3, 3);
        try (PretrainingRun run = new PretrainingRun(CONFIG, longer, data, Device.cpu(), null)) {
            TrainingResult r = run.run();
            EvalMetrics eval = r.finalEvaluation();
            assertTrue(eval.examples() > 0);
            assertTrue(eval.value("mlm_accuracy") >= 0 && eval.value("mlm_accuracy") <= 1);
            assertEquals(CONFIG.numMoeLayers(), r.lastStep().moeLayers().size());
            assertTrue(r.lastStep().value("mlm_loss") < Math.log(CONFIG.vocabSize()) - 1,
                    "MLM loss " + r.lastStep().value("mlm_loss") + " should fall well below uniform guessing");
        }
    }
}
