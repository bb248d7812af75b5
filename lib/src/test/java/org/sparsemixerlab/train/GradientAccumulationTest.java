package org.sparsemixerlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.WordPieceTokenizer;

/**
 * Gradient accumulation in {@link TrainingLoop}: the gradient of one update over k micro-batches is
 * the mean of the micro-batches' gradients, computed here independently (one collector per batch,
 * gradients copied out to Java doubles and averaged there).
 */
class GradientAccumulationTest {
    /** No dropout anywhere, no jitter: a micro-batch's gradient then does not depend on the engine's random state. */
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

    private static ExampleBatches<?, PretrainingBatch> batches() {
        return new ExampleBatches<>(data.train(), 3, 0, PretrainingBatch::of);
    }

    /** Gradient of every parameter for one batch, as doubles, and the loss. */
    private static Map<String, double[]> gradients(PretrainingRun run, PretrainingBatch batch, double[] lossOut) {
        PretrainingTask task = new PretrainingTask(CONFIG);
        Map<String, double[]> out = new LinkedHashMap<>();
        ParameterStore ps = new ParameterStore(run.manager(), false);
        try (NDManager sub = run.manager().newSubManager(); NDScope scope = new NDScope()) {
            NDList inputs = task.inputs(batch, sub);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = task.loss(run.model().forward(ps, inputs, true), inputs, new MetricSums());
                lossOut[0] = loss.getFloat();
                gc.backward(loss);
            }
            for (Pair<String, Parameter> p : run.model().getParameters()) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    float[] g = w.getGradient().toFloatArray();
                    double[] d = new double[g.length];
                    for (int i = 0; i < g.length; i++) {
                        d[i] = g[i];
                    }
                    out.put(p.getKey(), d);
                    w.getGradient().muli(0f);
                }
            }
        }
        return out;
    }

    private static TrainingListener recordInto(List<StepMetrics> steps) {
        return new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                steps.add(m);
            }
        };
    }

    @Test
    void accumulatedGradientIsTheMeanOfTheMicroBatchGradients() {
        PretrainingBatch b1;
        PretrainingBatch b2;
        try (ExampleBatches<?, PretrainingBatch> source = batches()) {
            b1 = source.next();
            b2 = source.next();
        }
        double[] l1 = new double[1];
        double[] l2 = new double[1];
        Map<String, double[]> g1;
        Map<String, double[]> g2;
        TrainingSettings settings = TrainingSettings.defaults(1).withBatchSize(3).withAccumulation(2)
                .withClipNorm(0).withEvaluation(0, 1);
        try (PretrainingRun reference = new PretrainingRun(CONFIG, settings, data, Device.cpu(), null)) {
            g1 = gradients(reference, b1, l1);
            g2 = gradients(reference, b2, l2);
        }
        double sumSquares = 0;
        double sumSquaresSecondOnly = 0;
        for (String name : g1.keySet()) {
            double[] a = g1.get(name);
            double[] b = g2.get(name);
            for (int i = 0; i < a.length; i++) {
                double mean = (a[i] + b[i]) / 2;
                sumSquares += mean * mean;
                sumSquaresSecondOnly += b[i] * b[i] / 4;
            }
        }
        double expectedNorm = Math.sqrt(sumSquares);
        // The two micro-batches must differ enough for the check to tell "mean" from "last only".
        assertTrue(Math.abs(expectedNorm - Math.sqrt(sumSquaresSecondOnly)) > 0.05 * expectedNorm);

        List<StepMetrics> steps = new ArrayList<>();
        try (PretrainingRun run = new PretrainingRun(CONFIG, settings, data, Device.cpu(), null);
                ExampleBatches<?, PretrainingBatch> source = batches()) {
            TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(run.model(), new PretrainingTask(CONFIG),
                    settings, run.manager(), run.provenance());
            loop.addListener(recordInto(steps));
            loop.run(source);
        }
        assertEquals(1, steps.size());
        StepMetrics step = steps.get(0);
        assertEquals(expectedNorm, step.gradNorm(), 2e-4 * expectedNorm, "gradient norm of the accumulated update");
        assertEquals((l1[0] + l2[0]) / 2, step.loss(), 1e-5, "reported loss is the mean of the micro-batch losses");
    }

    @Test
    void eachUpdateConsumesAccumulationTimesBatches() {
        TrainingSettings settings = TrainingSettings.defaults(3).withBatchSize(3).withAccumulation(2)
                .withEvaluation(0, 1);
        int[] calls = new int[1];
        List<StepMetrics> steps = new ArrayList<>();
        try (PretrainingRun run = new PretrainingRun(CONFIG, settings, data, Device.cpu(), null);
                ExampleBatches<?, PretrainingBatch> inner = batches()) {
            BatchSource<PretrainingBatch> counting = new BatchSource<>() {
                @Override
                public PretrainingBatch next() {
                    calls[0]++;
                    return inner.next();
                }

                @Override
                public DataPosition position() {
                    return inner.position();
                }

                @Override
                public void restore(DataPosition position) {
                    inner.restore(position);
                }
            };
            TrainingLoop<PretrainingBatch> loop = new TrainingLoop<>(run.model(), new PretrainingTask(CONFIG),
                    settings, run.manager(), run.provenance());
            loop.addListener(recordInto(steps));
            TrainingResult r = loop.run(counting);
            assertEquals(TrainingResult.Status.COMPLETED, r.status());
        }
        assertEquals(6, calls[0], "3 updates x 2 micro-batches");
        assertEquals(3, steps.size());
        assertEquals(CONFIG.numMoeLayers(), steps.get(2).moeLayers().size());
        assertEquals("2", settings.asMap().get("accumulation"));
        assertEquals(6, settings.examplesPerUpdate());
    }

    @Test
    void microBatchZeroKeepsTheSeedOfARunWithoutAccumulation() {
        assertEquals((int) (7 * 1_000_003L + 5), TrainingLoop.microBatchSeed(7, 5, 0));
        assertTrue(TrainingLoop.microBatchSeed(7, 5, 1) != TrainingLoop.microBatchSeed(7, 5, 0));
        assertTrue(TrainingLoop.microBatchSeed(7, 5, 1) != TrainingLoop.microBatchSeed(7, 6, 0));
    }

    @Test
    void accumulationBelowOneIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.defaults(4).withAccumulation(0));
        assertTrue(e.getMessage().contains("accumulation >= 1"), e.getMessage());
    }
}
