package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.Presets;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;
import org.sparsemixerlab.data.DataPosition;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.data.PretrainingCorpus;
import org.sparsemixerlab.data.PretrainingExample;
import org.sparsemixerlab.data.WordPieceTokenizer;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.Routing;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.Routings;
import org.sparsemixerlab.train.AdamW;
import org.sparsemixerlab.train.BatchSource;
import org.sparsemixerlab.train.GradientNorms;
import org.sparsemixerlab.train.MetricSums;
import org.sparsemixerlab.train.NativeHeap;
import org.sparsemixerlab.train.PretrainingData;
import org.sparsemixerlab.train.PretrainingTask;
import org.sparsemixerlab.train.RunProvenance;
import org.sparsemixerlab.train.StepMetrics;
import org.sparsemixerlab.train.TrainingListener;
import org.sparsemixerlab.train.TrainingLoop;
import org.sparsemixerlab.train.TrainingSettings;

/**
 * One contender of {@link LaptopScaleBenchmark}, in its own fresh JVM: trains a preset on real
 * corpus batches with the project's {@code TrainingLoop}, then takes a few more steps apart with a
 * clock between the parts, and prints both as lines starting with {@value #MARK}.
 *
 * <p>This class is the benchmark's only code that runs in the child, and it calls only library
 * API that already existed before issue 19 (TrainingLoop, PretrainingTask, PretrainingModel,
 * PretrainingData.heldout, Routings, GradientNorms, AdamW). That is what lets the benchmark race
 * today's library against an earlier build of it: the child's class path puts the earlier lib jar
 * first and this jar second, so every library class comes from the earlier build and only this
 * class (absent there) from this one. It prints where {@code PretrainingTask} was loaded from, so
 * the parent can check which build it measured.
 *
 * <p>Arguments: {@code PRESET BATCH WARMUP REPS PART_STEPS}. The step times printed include the
 * warm-up steps (the parent reads the cold start from them).
 */
public final class LaptopRaceChild {
    static final String MARK = "LAPTOP-RACE";
    /** Names of the step parts, in the order the child prints them. */
    static final String[] PARTS = {"data (batch to engine)", "forward, without routing",
        "routing (softmax, copy to Java, decisions, losses)", "loss + metric reads", "backward",
        "clip (global norm)", "AdamW update"};

    private LaptopRaceChild() {}

    public static void main(String[] args) {
        for (String line : report(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]))) {
            System.out.println(line);
        }
    }

    /**
     * Trains {@code warmup + reps} steps, then {@code partSteps} steps taken apart; returns the
     * report lines (build, threads, batches, every step time, part medians).
     */
    static List<String> report(String preset, int batch, int warmup, int reps, int partSteps) {
        ModelConfig config = Presets.get(preset);
        List<PretrainingBatch> batches = corpusBatches(config, batch);
        long realPredictions = 0;
        long slots = 0;
        for (PretrainingBatch b : batches) {
            for (float w : b.maskedWeights()) {
                realPredictions += w > 0 ? 1 : 0;
            }
            slots += b.maskedWeights().length;
        }
        Engine.getInstance(); // loads the native library that the thread query below needs
        List<String> lines = new ArrayList<>();
        lines.add(MARK + " build " + PretrainingTask.class.getProtectionDomain().getCodeSource().getLocation());
        lines.add(MARK + " threads " + JniUtils.getNumThreads());
        lines.add(MARK + " heap " + NativeHeap.describe(System.getenv()));
        lines.add(String.format(Locale.ROOT, "%s batches %d real-predictions %d slots %d", MARK, batches.size(),
                realPredictions, slots));
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            PretrainingModel model = initializedModel(config, manager, batches.get(0));
            lines.add(MARK + " steps " + joined(trainingSteps(config, model, manager, batches, batch, warmup + reps)));
            long faultsBefore = minorFaults();
            double[] parts = partMedians(config, model, manager, batches, partSteps);
            long faultsAfter = minorFaults();
            lines.add(MARK + " parts " + joined(parts));
            if (faultsBefore >= 0 && faultsAfter >= 0) {
                lines.add(String.format(Locale.ROOT, "%s faults %.1f", MARK, (faultsAfter - faultsBefore) / (double) partSteps));
            }
        }
        return lines;
    }

    /** Real pre-training batches: the held-out examples of the corpus, in order, whole batches only. */
    public static List<PretrainingBatch> corpusBatches(ModelConfig config, int batch) {
        List<PretrainingExample> examples;
        try (WordPieceTokenizer tokenizer = WordPieceTokenizer.forVocabularySize(config.vocabSize())) {
            examples = PretrainingData.heldout(config, tokenizer, PretrainingCorpus.SOURCES, 0);
        }
        List<PretrainingBatch> out = new ArrayList<>();
        for (int from = 0; from + batch <= examples.size(); from += batch) {
            out.add(PretrainingBatch.of(examples.subList(from, from + batch)));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("the held-out split has " + examples.size() + " examples, fewer than one batch of "
                    + batch + "; use a smaller --batch");
        }
        return out;
    }

    /** A model of {@code config} initialised (seeded by the caller) for batches shaped like {@code first}. */
    static PretrainingModel initializedModel(ModelConfig config, NDManager manager, PretrainingBatch first) {
        PretrainingModel model = new PretrainingModel(config);
        try (NDManager init = manager.newSubManager()) {
            NDList all = first.toNDList(init);
            model.initialize(manager, DataType.FLOAT32, new NDList(all.get(0), all.get(1), all.get(2), all.get(3))
                    .getShapes());
        }
        return model;
    }

    /** A TrainingLoop of {@code steps} steps with the default settings, no evaluation and no checkpoints. */
    static TrainingLoop<PretrainingBatch> benchLoop(String kind, ModelConfig config, PretrainingModel model,
            NDManager manager, int batch, int steps) {
        TrainingSettings s = TrainingSettings.defaults(steps).withBatchSize(batch).withEvaluation(0, 1)
                .withCheckpointEvery(0);
        RunProvenance provenance = RunProvenance.capture(kind, config, 0, s.asMap(), Map.of(),
                manager.getDevice().toString());
        return new TrainingLoop<>(model, new PretrainingTask(config), s, manager, provenance);
    }

    /** Times in ms of {@code steps} TrainingLoop steps from a cold start, as the loop measures them. */
    private static double[] trainingSteps(ModelConfig config, PretrainingModel model, NDManager manager,
            List<PretrainingBatch> batches, int batch, int steps) {
        double[] times = new double[steps];
        long tokens = (long) batch * config.maxSeqLength();
        TrainingLoop<PretrainingBatch> loop = benchLoop("bench", config, model, manager, batch, steps);
        loop.addListener(new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                times[(int) m.step() - 1] = tokens / m.tokensPerSecond() * 1000;
            }
        });
        loop.run(new Cycling(batches));
        return times;
    }

    /**
     * Median ms of each part over {@code n} steps, then the median whole step: the TrainingLoop step
     * (same calls, same order) with a clock between the parts. On the CPU every engine call returns
     * when its work is done, so the clock between calls measures the work.
     */
    private static double[] partMedians(ModelConfig config, PretrainingModel model, NDManager manager,
            List<PretrainingBatch> batches, int n) {
        RoutingAlgorithm name = config.routingAlgorithm();
        Routing original = Routings.get(name);
        TimedRouting timed = new TimedRouting(original);
        Routings.register(name, timed);
        PretrainingTask task = new PretrainingTask(config);
        PairList<String, Parameter> params = model.getParameters();
        ParameterStore ps = new ParameterStore(manager, false);
        double[][] samples = new double[PARTS.length + 1][n];
        try (AdamW optimizer = new AdamW(AdamW.Settings.reference(), manager)) {
            for (int step = 0; step < n; step++) {
                double[] t = oneStep(model, task, batches.get(step % batches.size()), manager, ps, params, optimizer,
                        timed, step);
                for (int p = 0; p < t.length; p++) {
                    samples[p][step] = t[p];
                }
            }
        } finally {
            Routings.register(name, original);
        }
        double[] out = new double[PARTS.length + 1];
        for (int p = 0; p < out.length; p++) {
            out[p] = median(samples[p]);
        }
        return out;
    }

    private static double[] oneStep(PretrainingModel model, PretrainingTask task, PretrainingBatch batch,
            NDManager manager, ParameterStore ps, PairList<String, Parameter> params, AdamW optimizer,
            TimedRouting timed, int step) {
        double[] t = new double[PARTS.length + 1];
        timed.nanos = 0;
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed(step);
        try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
            NDList inputs = task.inputs(batch, sub);
            long b = System.nanoTime();
            t[0] = ms(b - start);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList outputs = model.forward(ps, inputs, true);
                long c = System.nanoTime();
                t[2] = ms(timed.nanos);
                t[1] = ms(c - b) - t[2];
                NDArray total = task.loss(outputs, inputs, new MetricSums());
                total.getFloat();
                RoutingMetrics.fromRows(outputs.get(outputs.size() - 1));
                long d = System.nanoTime();
                t[3] = ms(d - c);
                gc.backward(total);
                t[4] = ms(System.nanoTime() - d);
            }
        }
        long e = System.nanoTime();
        GradientNorms.clip(params, 1.0);
        long f = System.nanoTime();
        t[5] = ms(f - e);
        optimizer.step(params, 1e-4);
        long g = System.nanoTime();
        t[6] = ms(g - f);
        t[PARTS.length] = ms(g - start);
        return t;
    }

    /**
     * Minor page faults of this process so far (field 10 of {@code /proc/self/stat}: pages the kernel
     * had to map in, for memory the C library took from it fresh), or -1 without {@code /proc}.
     */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // After the command name in parentheses (which may hold spaces): state is field 3, minflt field 10.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String joined(double[] xs) {
        StringJoiner j = new StringJoiner(",");
        for (double x : xs) {
            j.add(String.format(Locale.ROOT, "%.3f", x));
        }
        return j.toString();
    }

    /** The batches over and over, in order. */
    static final class Cycling implements BatchSource<PretrainingBatch> {
        private final List<PretrainingBatch> batches;
        private int next;

        Cycling(List<PretrainingBatch> batches) {
            this.batches = batches;
        }

        @Override
        public PretrainingBatch next() {
            return batches.get(next++ % batches.size());
        }

        @Override
        public DataPosition position() {
            return new DataPosition(0, next / batches.size(), next % batches.size());
        }

        @Override
        public void restore(DataPosition position) {
            next = (int) position.epoch() * batches.size() + position.index();
        }
    }

    /** Delegates to the registered rule and adds up the time its calls take. */
    private static final class TimedRouting implements Routing {
        private final Routing inner;
        long nanos;

        TimedRouting(Routing inner) {
            this.inner = inner;
        }

        @Override
        public RoutingPlan route(NDArray logits, RoutingSpec spec, boolean[] routable) {
            long a = System.nanoTime();
            RoutingPlan plan = inner.route(logits, spec, routable);
            nanos += System.nanoTime() - a;
            return plan;
        }

        @Override
        public double expertsPerToken(RoutingSpec spec) {
            return inner.expertsPerToken(spec);
        }
    }
}
