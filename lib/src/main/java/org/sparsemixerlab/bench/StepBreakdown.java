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
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.config.RoutingSpec;
import org.sparsemixerlab.data.PretrainingBatch;
import org.sparsemixerlab.model.PretrainingModel;
import org.sparsemixerlab.moe.Routing;
import org.sparsemixerlab.moe.RoutingMetrics;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.Routings;
import org.sparsemixerlab.train.AdamW;
import org.sparsemixerlab.train.GradientNorms;
import org.sparsemixerlab.train.MetricSums;
import org.sparsemixerlab.train.PretrainingTask;

/**
 * Where the time of one pre-training step goes at laptop scale: the step of {@link
 * org.sparsemixerlab.train.TrainingLoop} (same calls, same order) taken apart with a clock between
 * the parts. Parts: data (batch made in Java and copied to the engine), forward without routing,
 * routing (each MoE layer's routing call: softmax, probabilities copied to Java, the Java decisions,
 * router losses; timed by a wrapper registered in place of the model's routing rule), loss and
 * metric reads (the task's loss, its metric scalars read back, the per-layer routing metrics),
 * backward, clipping (global norm, read back, scale) and the AdamW update. On the CPU every engine
 * call returns when its work is done, so the clock between calls measures the work.
 *
 * <p>Steps can alternate between intra-op thread counts ({@link JniUtils#setNumThreads}), so two
 * settings are compared interleaved under the same machine load.
 */
public final class StepBreakdown {
    static final String[] PARTS = {"data (batch to engine)", "forward, without routing", "routing (softmax, copy to Java, decisions, losses)",
        "loss + metric reads", "backward", "clip (global norm)", "AdamW update"};

    /**
     * Median milliseconds of each part, and of the whole step, for one thread setting.
     *
     * @param threads intra-op threads the steps ran with
     * @param partsMs median per part, in {@link #PARTS} order
     * @param stepMs median of whole steps (not the sum of the medians)
     * @param routingCalls routing calls per step
     */
    public record Result(int threads, double[] partsMs, double stepMs, int routingCalls) {}

    private StepBreakdown() {}

    /**
     * Trains {@code warmup + reps} steps per thread setting, the settings taking turns step by step.
     *
     * @param threadSettings intra-op thread counts to alternate (e.g. {2, 1}); the current setting is restored
     */
    public static List<Result> measure(ModelConfig config, int batch, int warmup, int reps, int[] threadSettings) {
        RoutingAlgorithm name = config.routingAlgorithm();
        Routing original = Routings.get(name);
        TimedRouting timed = new TimedRouting(original);
        Engine.getInstance(); // loads the native library that the thread calls below need
        int before = JniUtils.getNumThreads();
        Routings.register(name, timed);
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            SyntheticPretrainingBatches data = new SyntheticPretrainingBatches(config, batch, 11);
            PretrainingModel model = new PretrainingModel(config);
            try (NDManager init = manager.newSubManager()) {
                NDList all = data.next().toNDList(init);
                model.initialize(manager, DataType.FLOAT32, new NDList(all.get(0), all.get(1), all.get(2),
                        all.get(3)).getShapes());
            }
            PretrainingTask task = new PretrainingTask(config);
            PairList<String, Parameter> params = model.getParameters();
            ParameterStore ps = new ParameterStore(manager, false);
            int settings = threadSettings.length;
            double[][][] samples = new double[settings][PARTS.length + 1][reps];
            int[] calls = new int[1];
            try (AdamW optimizer = new AdamW(AdamW.Settings.reference(), manager)) {
                for (int step = 0; step < (warmup + reps) * settings; step++) {
                    int s = step % settings;
                    int rep = step / settings - warmup;
                    JniUtils.setNumThreads(threadSettings[s]);
                    double[] t = oneStep(model, task, data, manager, ps, params, optimizer, timed, step);
                    calls[0] = timed.calls;
                    if (rep >= 0) {
                        for (int p = 0; p < t.length; p++) {
                            samples[s][p][rep] = t[p];
                        }
                    }
                }
            }
            List<Result> out = new ArrayList<>();
            for (int s = 0; s < settings; s++) {
                double[] medians = new double[PARTS.length];
                for (int p = 0; p < PARTS.length; p++) {
                    medians[p] = median(samples[s][p]);
                }
                out.add(new Result(threadSettings[s], medians, median(samples[s][PARTS.length]), calls[0]));
            }
            return out;
        } finally {
            Routings.register(name, original);
            JniUtils.setNumThreads(before);
        }
    }

    /** One step; returns the part times in ms, then the whole step. */
    private static double[] oneStep(PretrainingModel model, PretrainingTask task, SyntheticPretrainingBatches data,
            NDManager manager, ParameterStore ps, PairList<String, Parameter> params, AdamW optimizer,
            TimedRouting timed, int step) {
        double[] t = new double[PARTS.length + 1];
        timed.reset();
        long start = System.nanoTime();
        Engine.getInstance().setRandomSeed(step);
        try (NDManager sub = manager.newSubManager(); NDScope scope = new NDScope()) {
            long a = System.nanoTime();
            PretrainingBatch batch = data.next();
            NDList inputs = task.inputs(batch, sub);
            long b = System.nanoTime();
            t[0] = ms(b - a);
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

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Table text: one column per thread setting. */
    public static String table(String model, int batch, int seq, List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "Step breakdown, %s, batch %d x %d (median ms per step; %d routing calls per step)%n",
                model, batch, seq, results.get(0).routingCalls()));
        sb.append(String.format(java.util.Locale.ROOT, "%-52s", "part"));
        for (Result r : results) {
            sb.append(String.format(java.util.Locale.ROOT, " | %9s %6s", r.threads() + " thr", "share"));
        }
        sb.append('\n');
        for (int p = 0; p < PARTS.length; p++) {
            sb.append(String.format(java.util.Locale.ROOT, "%-52s", PARTS[p]));
            for (Result r : results) {
                double sum = Arrays.stream(r.partsMs()).sum();
                sb.append(String.format(java.util.Locale.ROOT, " | %9.2f %5.1f%%", r.partsMs()[p], 100 * r.partsMs()[p] / sum));
            }
            sb.append('\n');
        }
        sb.append(String.format(java.util.Locale.ROOT, "%-52s", "whole step (median of steps)"));
        for (Result r : results) {
            sb.append(String.format(java.util.Locale.ROOT, " | %9.2f %6s", r.stepMs(), ""));
        }
        sb.append('\n');
        sb.append(String.format(java.util.Locale.ROOT, "%-52s", "tokens/s (from the step median)"));
        for (Result r : results) {
            sb.append(String.format(java.util.Locale.ROOT, " | %9.0f %6s", batch * (double) seq / r.stepMs() * 1000, ""));
        }
        sb.append('\n');
        return sb.toString();
    }

    /** Delegates to the registered rule and adds up the time its calls take. */
    private static final class TimedRouting implements Routing {
        private final Routing inner;
        long nanos;
        int calls;

        TimedRouting(Routing inner) {
            this.inner = inner;
        }

        void reset() {
            nanos = 0;
            calls = 0;
        }

        @Override
        public RoutingPlan route(NDArray logits, RoutingSpec spec, boolean[] routable) {
            long a = System.nanoTime();
            RoutingPlan plan = inner.route(logits, spec, routable);
            nanos += System.nanoTime() - a;
            calls++;
            return plan;
        }

        @Override
        public double expertsPerToken(RoutingSpec spec) {
            return inner.expertsPerToken(spec);
        }
    }
}
