package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.WordPieceTokenizer;

/**
 * Packed prediction slots ({@link PretrainingBatch#toPackedNDList}, what {@link PretrainingTask}
 * feeds the model) against the reference's slot layout ({@link PretrainingTask#withSlotLayout}):
 * same loss, same metrics and same gradient of every parameter, on real corpus batches that have
 * padding slots. And the accuracy rule of {@link MaskedLmAccuracy} against a plain-Java arg-max.
 */
class PackedPredictionsTest {
    /** No dropout, no jitter: both layouts then see the same function. */
    private static final ModelConfig CONFIG = Presets.get("sparse-mixer-tiny").toBuilder().dropoutRate(0)
            .mixingDropoutRate(0).expertDropoutRate(0).jitterNoise(0).build();
    private static WordPieceTokenizer tokenizer;
    private static PretrainingData data;

    @BeforeAll
    static void load() {
        tokenizer = WordPieceTokenizer.bertUncased();
        data = PretrainingData.prepare(CONFIG, tokenizer, List.of("moby-dick"), 8, 0);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void packingKeepsOnlyTheRealSlotsInOrder() {
        PretrainingBatch batch = PretrainingBatch.of(data.train().subList(0, 6));
        int real = batch.realPredictions();
        assertTrue(real > 0 && real < batch.batchSize() * batch.maxPredictions(),
                "the test needs a batch with padding slots; got " + real + " real of "
                        + batch.batchSize() * batch.maxPredictions());
        try (NDManager m = NDManager.newBaseManager()) {
            NDList packed = batch.toPackedNDList(m);
            assertEquals(new Shape(real), packed.get(3).getShape());
            long[] rows = packed.get(3).toLongArray();
            long[] labels = packed.get(4).toLongArray();
            int k = 0;
            for (int b = 0; b < batch.batchSize(); b++) {
                for (int p = 0; p < batch.maxPredictions(); p++) {
                    int slot = b * batch.maxPredictions() + p;
                    if (batch.maskedWeights()[slot] > 0) {
                        assertEquals((long) b * batch.seqLength() + batch.maskedPositions()[slot], rows[k]);
                        assertEquals(batch.maskedLabelIds()[slot], labels[k]);
                        k++;
                    }
                }
            }
            assertEquals(real, k);
        }
    }

    @Test
    void packedAndSlotLayoutsGiveTheSameLossMetricsAndGradients() {
        TrainingSettings settings = TrainingSettings.defaults(1).withBatchSize(6);
        try (PretrainingRun run = new PretrainingRun(CONFIG, settings, data, Device.cpu(), null)) {
            for (int first : new int[] {0, 6, 12}) {
                PretrainingBatch batch = PretrainingBatch.of(data.train().subList(first, first + 6));
                MetricSums slotSums = new MetricSums();
                MetricSums packedSums = new MetricSums();
                Map<String, float[]> slot = gradients(run, PretrainingTask.withSlotLayout(CONFIG), batch, slotSums);
                Map<String, float[]> packed = gradients(run, new PretrainingTask(CONFIG), batch, packedSums);
                assertEquals(slot.keySet(), packed.keySet());
                for (var e : slotSums.means().entrySet()) {
                    assertEquals(e.getValue(), packedSums.means().get(e.getKey()), 1e-5, e.getKey());
                }
                for (String name : slot.keySet()) {
                    float[] a = slot.get(name);
                    float[] b = packed.get(name);
                    double scale = 0;
                    for (float v : a) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(a[i], b[i], 1e-5 * Math.max(scale, 1e-3), name + "[" + i + "]");
                    }
                }
            }
        }
    }

    private static Map<String, float[]> gradients(PretrainingRun run, PretrainingTask task, PretrainingBatch batch,
            MetricSums sums) {
        Map<String, float[]> out = new LinkedHashMap<>();
        ParameterStore ps = new ParameterStore(run.manager(), false);
        try (NDManager sub = run.manager().newSubManager(); NDScope scope = new NDScope()) {
            NDList inputs = task.inputs(batch, sub);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(task.loss(run.model().forward(ps, inputs, true), inputs, sums));
            }
            for (Pair<String, Parameter> p : run.model().getParameters()) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    out.put(p.getKey(), w.getGradient().toFloatArray());
                    w.getGradient().muli(0f);
                }
            }
        }
        return out;
    }

    @Test
    void accuracyRuleMatchesArgMaxInPlainJava() {
        Random random = new Random(3);
        int rows = 40;
        int vocab = 97;
        float[] logits = new float[rows * vocab];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) random.nextGaussian();
        }
        long[] labels = new long[rows];
        float[] weights = new float[rows];
        double expected = 0;
        for (int r = 0; r < rows; r++) {
            float[] row = java.util.Arrays.copyOfRange(logits, r * vocab, (r + 1) * vocab);
            int best = MaskedLmAccuracy.argMax(row);
            // every third row is labelled with its arg-max, the others with a random word
            labels[r] = r % 3 == 0 ? best : random.nextInt(vocab);
            weights[r] = r % 5 == 4 ? 0f : 1f;
            expected += labels[r] == best ? weights[r] : 0;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hits = MaskedLmAccuracy.hits(m.create(logits, new Shape(rows / 2, 2, vocab)),
                    m.create(labels, new Shape(rows / 2, 2)), m.create(weights, new Shape(rows / 2, 2)));
            assertEquals(expected, hits.getFloat(), 1e-6);
            assertTrue(expected >= 10, "the check needs hits; got " + expected);
        }
    }
}
