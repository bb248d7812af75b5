package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sparsemixerlab.config.DispatchForm;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.model.Activations;
import org.sparsemixerlab.moe.MoeFeedForward;

/**
 * Forward+backward time of one MoE layer (T = 4096 tokens in one group, d = 512, E = 16, expert
 * d_ff = 2048, capacity factor 1) for every routing algorithm and dispatch form, against a dense
 * feed-forward of the same FLOPs measured in the same run: {@code d -> 2048 -> d} for
 * experts-choose and tokens-choose k = 1, {@code d -> 4096 -> d} for k = 2. Prints a table of
 * median milliseconds, tokens per second and the ratio MoE / dense.
 *
 * <p>Arguments (optional): warm-up runs (default 3), timed runs (default 7). Timings depend on
 * whatever else runs on the machine; compare ratios within one run.
 */
public final class MoeLayerBenchmark {
    private static final int BATCH = 8;
    private static final int SEQ = 512;
    private static final int D = 512;
    private static final int EXPERTS = 16;
    private static final int EXPERT_FF = 2048;

    private MoeLayerBenchmark() {}

    /** One measured configuration. */
    private record Row(String name, double ms, double denseMs) {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            double dense2048 = timeDense(manager, EXPERT_FF, warmup, reps);
            double dense4096 = timeDense(manager, 2 * EXPERT_FF, warmup, reps);
            List<Row> rows = new ArrayList<>();
            rows.add(new Row("dense FF d->2048->d", dense2048, dense2048));
            rows.add(new Row("dense FF d->4096->d", dense4096, dense4096));
            for (DispatchForm form : new DispatchForm[] {DispatchForm.INDEX, DispatchForm.MASK}) {
                rows.add(new Row("experts-choose cf=1 " + form,
                        timeMoe(manager, RoutingAlgorithm.EXPERTS_CHOOSE, 1, form, warmup, reps), dense2048));
                rows.add(new Row("tokens-choose k=1 BPR " + form,
                        timeMoe(manager, RoutingAlgorithm.TOKENS_CHOOSE, 1, form, warmup, reps), dense2048));
                rows.add(new Row("tokens-choose k=2 BPR " + form,
                        timeMoe(manager, RoutingAlgorithm.TOKENS_CHOOSE, 2, form, warmup, reps), dense4096));
            }
            int tokens = BATCH * SEQ;
            System.out.printf(Locale.ROOT, "%nOne layer forward+backward, %d tokens (1 group), d=%d, E=%d, expert d_ff=%d, "
                    + "threads=%s%n", tokens, D, EXPERTS, EXPERT_FF, System.getProperty("ai.djl.pytorch.num_threads", "default"));
            System.out.printf(Locale.ROOT, "%-32s %10s %12s %12s%n", "layer", "median ms", "tokens/s", "MoE/dense");
            for (Row r : rows) {
                System.out.printf(Locale.ROOT, "%-32s %10.1f %12.0f %12.2f%n", r.name(), r.ms(), tokens / (r.ms() / 1000),
                        r.ms() / r.denseMs());
            }
        }
    }

    private static double timeMoe(NDManager manager, RoutingAlgorithm alg, int k, DispatchForm form, int warmup,
            int reps) {
        ModelConfig c = ModelConfig.builder().dModel(D).dEmb(D).numExperts(EXPERTS).expertDFf(EXPERT_FF)
                .maxGroupSize(4096).routingAlgorithm(alg).numSelectedExperts(k).batchPrioritizedRouting(true)
                .dispatchForm(form).capacityFactor(1.0).expertDropoutRate(0).build();
        MoeFeedForward block = new MoeFeedForward(c, 0);
        try (NDManager sub = manager.newSubManager()) {
            block.initialize(sub, DataType.FLOAT32, new Shape(BATCH, SEQ, D));
            ParameterStore ps = new ParameterStore(sub, false);
            return median(warmup, reps, () -> {
                try (NDManager step = sub.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(BATCH, SEQ, D));
                    x.setRequiresGradient(true);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDList out = block.forward(ps, new NDList(x), true);
                        gc.backward(out.get(0).sum().add(out.get(1)).add(out.get(2)));
                    }
                    x.getGradient().close();
                    return (System.nanoTime() - t0) / 1e6;
                }
            });
        }
    }

    private static double timeDense(NDManager manager, int ff, int warmup, int reps) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray w1 = sub.randomNormal(0f, 0.02f, new Shape(D, ff), DataType.FLOAT32);
            NDArray b1 = sub.zeros(new Shape(ff));
            NDArray w2 = sub.randomNormal(0f, 0.02f, new Shape(ff, D), DataType.FLOAT32);
            NDArray b2 = sub.zeros(new Shape(D));
            for (NDArray p : new NDArray[] {w1, b1, w2, b2}) {
                p.setRequiresGradient(true);
            }
            return median(warmup, reps, () -> {
                try (NDManager step = sub.newSubManager()) {
                    NDArray x = step.randomNormal(new Shape(BATCH, SEQ, D));
                    x.setRequiresGradient(true);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray h = Activations.geluTanh(x.matMul(w1).add(b1));
                        gc.backward(h.matMul(w2).add(b2).sum());
                    }
                    x.getGradient().close();
                    return (System.nanoTime() - t0) / 1e6;
                }
            });
        }
    }

    private interface Timed {
        double run();
    }

    private static double median(int warmup, int reps, Timed timed) {
        for (int i = 0; i < warmup; i++) {
            timed.run();
        }
        double[] t = new double[reps];
        for (int i = 0; i < reps; i++) {
            t[i] = timed.run();
        }
        Arrays.sort(t);
        return t[reps / 2];
    }
}
