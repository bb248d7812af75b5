package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sparsemixerlab.config.DispatchForm;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingAlgorithm;
import org.sparsemixerlab.tensor.Activations;
import org.sparsemixerlab.moe.Experts;
import org.sparsemixerlab.moe.MoeFeedForward;

/**
 * Forward+backward time of one MoE layer (T = 4096 tokens in one group, d = 512, E = 16, expert
 * d_ff = 2048, capacity factor 1) for every routing algorithm and dispatch form, against a dense
 * feed-forward of the same FLOPs measured in the same run (and the bare batched experts without
 * routing, the MoE's compute floor): {@code d -> 2048 -> d} for
 * experts-choose and tokens-choose k = 1, {@code d -> 4096 -> d} for k = 2. Prints a table of
 * median milliseconds, tokens per second and the ratio to the dense layer. The loss is {@code
 * sum(y * r)} with a fixed random r (plus the MoE's aux and z losses), so no layer gets a broadcast
 * gradient. Cases run round-robin (one run of every case per round) so that background load on a
 * shared machine affects them alike.
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

    /** One configuration under test: a name, its dense reference and one timed forward+backward. */
    private record Case(String name, String reference, Timed run) {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Engine.getInstance().setRandomSeed(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Case> cases = new ArrayList<>();
            String dense2048 = "dense FF d->2048->d";
            String dense4096 = "dense FF d->4096->d";
            cases.add(new Case(dense2048, dense2048, dense(manager, EXPERT_FF)));
            cases.add(new Case(dense4096, dense4096, dense(manager, 2 * EXPERT_FF)));
            cases.add(new Case("experts only, no routing", dense2048, expertsOnly(manager)));
            for (DispatchForm form : new DispatchForm[] {DispatchForm.INDEX, DispatchForm.MASK}) {
                cases.add(new Case("experts-choose cf=1 " + form, dense2048,
                        moe(manager, RoutingAlgorithm.EXPERTS_CHOOSE, 1, form)));
                cases.add(new Case("tokens-choose k=1 BPR " + form, dense2048,
                        moe(manager, RoutingAlgorithm.TOKENS_CHOOSE, 1, form)));
                cases.add(new Case("tokens-choose k=2 BPR " + form, dense4096,
                        moe(manager, RoutingAlgorithm.TOKENS_CHOOSE, 2, form)));
            }
            // Round-robin: every round runs every case once, so background load hits all cases alike.
            double[][] times = new double[cases.size()][reps];
            for (int round = 0; round < warmup + reps; round++) {
                for (int i = 0; i < cases.size(); i++) {
                    double ms = cases.get(i).run().run();
                    if (round >= warmup) {
                        times[i][round - warmup] = ms;
                    }
                }
            }
            Map<String, Double> median = new LinkedHashMap<>();
            for (int i = 0; i < cases.size(); i++) {
                Arrays.sort(times[i]);
                median.put(cases.get(i).name(), times[i][reps / 2]);
            }
            int tokens = BATCH * SEQ;
            System.out.printf(Locale.ROOT, "%nOne layer forward+backward, %d tokens (1 group), d=%d, E=%d, expert d_ff=%d, "
                    + "%d warm-up + %d timed rounds%n", tokens, D, EXPERTS, EXPERT_FF, warmup, reps);
            System.out.printf(Locale.ROOT, "%-32s %10s %12s %10s%n", "layer", "median ms", "tokens/s", "/dense");
            for (Case c : cases) {
                double ms = median.get(c.name());
                System.out.printf(Locale.ROOT, "%-32s %10.1f %12.0f %10.2f%n", c.name(), ms, tokens / (ms / 1000),
                        ms / median.get(c.reference()));
            }
        }
    }

    private static Timed moe(NDManager manager, RoutingAlgorithm alg, int k, DispatchForm form) {
        ModelConfig c = ModelConfig.builder().dModel(D).dEmb(D).numExperts(EXPERTS).expertDFf(EXPERT_FF)
                .maxGroupSize(4096).routingAlgorithm(alg).numSelectedExperts(k).batchPrioritizedRouting(true)
                .dispatchForm(form).capacityFactor(1.0).expertDropoutRate(0).build();
        MoeFeedForward block = new MoeFeedForward(c, 0);
        NDManager params = manager.newSubManager();
        block.initialize(params, DataType.FLOAT32, new Shape(BATCH, SEQ, D));
        ParameterStore ps = new ParameterStore(params, false);
        NDArray upstream = params.randomNormal(new Shape(BATCH, SEQ, D));
        return () -> timedStep(params, x -> {
            NDList out = block.forward(ps, new NDList(x), true);
            return out.get(0).mul(upstream).sum().add(out.get(1)).add(out.get(2));
        });
    }

    private static Timed dense(NDManager manager, int ff) {
        NDManager params = manager.newSubManager();
        NDArray w1 = params.randomNormal(0f, 0.02f, new Shape(D, ff), DataType.FLOAT32);
        NDArray b1 = params.zeros(new Shape(ff));
        NDArray w2 = params.randomNormal(0f, 0.02f, new Shape(ff, D), DataType.FLOAT32);
        NDArray b2 = params.zeros(new Shape(D));
        for (NDArray p : new NDArray[] {w1, b1, w2, b2}) {
            p.setRequiresGradient(true);
        }
        NDArray upstream = params.randomNormal(new Shape(BATCH, SEQ, D));
        return () -> timedStep(params,
                x -> Activations.geluTanh(x.matMul(w1).add(b1)).matMul(w2).add(b2).mul(upstream).sum());
    }

    /** The E experts alone on a reshaped input (all slots full, no routing): the MoE's compute floor. */
    private static Timed expertsOnly(NDManager manager) {
        NDManager params = manager.newSubManager();
        Experts experts = new Experts(EXPERTS, D, EXPERT_FF, 0);
        experts.initialize(params, DataType.FLOAT32, new Shape(EXPERTS, 1, D));
        ParameterStore ps = new ParameterStore(params, false);
        NDArray upstream = params.randomNormal(new Shape(EXPERTS, BATCH * SEQ / EXPERTS, D));
        return () -> timedStep(params, x -> experts.forward(ps,
                new NDList(x.reshape(EXPERTS, BATCH * SEQ / EXPERTS, D)), true).head().mul(upstream).sum());
    }

    /** Milliseconds of one forward+backward of {@code loss} on a fresh input that requires gradient. */
    private static double timedStep(NDManager params, Function<NDArray, NDArray> loss) {
        try (NDManager step = params.newSubManager()) {
            NDArray x = step.randomNormal(new Shape(BATCH, SEQ, D));
            x.setRequiresGradient(true);
            long t0 = System.nanoTime();
            try (NDScope scope = new NDScope(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.apply(x));
            }
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private interface Timed {
        double run();
    }
}
