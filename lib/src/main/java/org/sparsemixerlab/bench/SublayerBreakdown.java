package org.sparsemixerlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sparsemixerlab.config.LayerMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingSpec;
import org.sparsemixerlab.mixing.Mixers;
import org.sparsemixerlab.model.DenseFeedForward;
import org.sparsemixerlab.model.LayerNormBlock;
import org.sparsemixerlab.moe.ExpertCapacity;
import org.sparsemixerlab.moe.MoeDispatch;
import org.sparsemixerlab.moe.MoeFeedForward;
import org.sparsemixerlab.moe.RoutingPlan;
import org.sparsemixerlab.moe.Routings;
import org.sparsemixerlab.train.AdamW;
import org.sparsemixerlab.train.GradientNorms;

/**
 * Per-sublayer training cost of one model, measured in isolation: every sublayer kind is a fresh
 * block of the model's configuration run forward + backward on an input of the real shape {@code
 * [BATCH, SEQ, D_MODEL]} (which requires a gradient, as inside the model), with the loss {@code
 * sum(y * r)} for a fixed random r. The MoE layer is timed in three stages: router (logits,
 * routing plan, aux and z losses), the routing path (router, dispatch and combine around identity
 * experts) and the whole layer; the routing overhead is the routing path over the whole layer, two
 * direct measurements (a difference of prefixes came out negative on a busy machine). The optimizer row is global-norm clipping plus one AdamW
 * update of the given model's parameters (whose gradients must exist). Contenders run interleaved.
 */
public final class SublayerBreakdown {

    /**
     * One sublayer kind.
     *
     * @param name what was timed
     * @param msPerCall median forward+backward time of one instance
     * @param perModel how many instances one training step of the model runs
     */
    public record Row(String name, double msPerCall, int perModel) {
        public double msPerStep() {
            return msPerCall * perModel;
        }
    }

    /**
     * The rows, and the MoE overhead: router + dispatch + combine as a share of the whole MoE layer
     * (NaN for dense models).
     */
    public record Result(List<Row> rows, double moeOverheadShare) {
        public double totalMs() {
            return rows.stream().mapToDouble(Row::msPerStep).sum();
        }

        /** The optimizer row's time per step (0 when it was left out). */
        public double optimizerMs() {
            return rows.stream().filter(r -> r.name().equals(OPTIMIZER_ROW)).mapToDouble(Row::msPerStep).sum();
        }
    }

    static final String OPTIMIZER_ROW = "optimizer (clip + AdamW)";

    private SublayerBreakdown() {}

    /**
     * Measures the sublayers of {@code c} at {@code batch} sequences of full length.
     *
     * @param params the parameters of an initialised model of {@code c} whose gradients exist (after
     *     a training step), for the optimizer row; null to leave it out
     */
    public static Result measure(NDManager manager, ModelConfig c, int batch, PairList<String, Parameter> params,
            int warmup, int reps) {
        int len = c.maxSeqLength();
        int d = c.dModel();
        List<LayerMap.LayerSpec> layers = c.layerMap().layers();
        int attention = (int) layers.stream().filter(LayerMap.LayerSpec::isAttention).count();
        int moe = (int) layers.stream().filter(LayerMap.LayerSpec::isMoe).count();
        int mixing = layers.size() - attention;
        int dense = layers.size() - moe;
        try (NDManager m = manager.newSubManager(); AdamW optimizer = new AdamW(AdamW.Settings.reference(), m)) {
            Shape xs = new Shape(batch, len, d);
            NDArray x = m.randomNormal(xs);
            x.setRequiresGradient(true);
            NDArray mask = m.ones(new Shape(batch, len));
            NDArray r = m.randomNormal(xs);
            ParameterStore ps = new ParameterStore(m, false);
            List<Stopwatch.Contender> work = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            if (mixing > 0) {
                add(work, counts, "mixing (" + c.architecture().mixerName() + ")", mixing,
                        block(Mixers.forLayer(c, false), m, ps, x, mask, r));
            }
            if (attention > 0) {
                add(work, counts, "attention", attention, block(Mixers.forLayer(c, true), m, ps, x, mask, r));
            }
            add(work, counts, "layer norm", 2 * layers.size(), block(new LayerNormBlock(d), m, ps, x, null, r));
            if (dense > 0) {
                add(work, counts, "dense FF", dense,
                        block(new DenseFeedForward(d, c.dFf(), c.dropoutRate()), m, ps, x, null, r));
            }
            if (moe > 0) {
                addMoe(work, counts, c, moe, m, ps, x, r);
            }
            if (params != null) {
                add(work, counts, OPTIMIZER_ROW, 1, () -> {
                    GradientNorms.clip(params, 1.0);
                    optimizer.step(params, 1e-12);
                });
            }
            List<Measurement> times = Stopwatch.interleaved(work, warmup, reps);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                rows.add(new Row(times.get(i).name(), times.get(i).medianMs(), counts.get(i)));
            }
            return new Result(moe > 0 ? moeParts(rows) : rows, moe > 0 ? overhead(rows) : Double.NaN);
        }
    }

    private static void add(List<Stopwatch.Contender> work, List<Integer> counts, String name, int count,
            Runnable run) {
        work.add(new Stopwatch.Contender(name, 0, run));
        counts.add(count);
    }

    private static Runnable block(AbstractBlock b, NDManager m, ParameterStore ps, NDArray x, NDArray mask,
            NDArray r) {
        NDList in = mask == null ? new NDList(x) : new NDList(x, mask);
        b.initialize(m, DataType.FLOAT32, in.getShapes());
        return backward(() -> b.forward(ps, in, true).head().mul(r).sum());
    }

    private static Runnable backward(Supplier<NDArray> loss) {
        return () -> {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.get());
            }
        };
    }

    /** Prefix stages of the MoE layer, named with a leading "moe:" and the prefix they end with. */
    private static void addMoe(List<Stopwatch.Contender> work, List<Integer> counts, ModelConfig c, int layers,
            NDManager m, ParameterStore ps, NDArray x, NDArray r) {
        MoeFeedForward moe = new MoeFeedForward(c, 0);
        moe.initialize(m, DataType.FLOAT32, x.getShape());
        int tokens = Math.toIntExact(x.getShape().get(0) * x.getShape().get(1));
        int g = ExpertCapacity.numGroups(tokens, c.maxGroupSize());
        int t = tokens / g;
        RoutingSpec spec = RoutingSpec.of(c, true);
        int cap = ExpertCapacity.capacity(spec.capacityFactor(), t, c.numExperts(), spec.minCapacity());
        Shape slots = new Shape(c.numExperts(), (long) g * cap, c.dModel());
        NDArray rSlots = m.randomNormal(slots);
        NDArray bare = m.randomNormal(slots);
        bare.setRequiresGradient(true);
        Supplier<RoutingPlan> route = () -> {
            NDArray xg = x.reshape(g, t, c.dModel());
            NDArray logits = moe.router().forward(ps, new NDList(xg), true).singletonOrThrow();
            return Routings.of(spec).route(logits, spec, null);
        };
        add(work, counts, "moe: router", layers, backward(() -> {
            RoutingPlan p = route.get();
            return p.auxLoss().add(p.zLoss());
        }));
        add(work, counts, "moe: routing path", layers, backward(() -> {
            // router, dispatch and combine with identity experts: the routing overhead measured
            // directly, not as a difference of two larger timings
            RoutingPlan p = route.get();
            NDArray in = MoeDispatch.dispatch(p, x.reshape(g, t, c.dModel()), c.dispatchForm());
            NDArray y = MoeDispatch.combine(p, in, c.dispatchForm()).reshape(x.getShape());
            return y.mul(r).sum().add(p.auxLoss()).add(p.zLoss());
        }));
        add(work, counts, "moe: whole layer", layers, backward(() -> {
            NDList out = moe.forward(ps, new NDList(x), true);
            return out.get(0).mul(r).sum().add(out.get(1)).add(out.get(2));
        }));
        add(work, counts, "moe: experts alone (same slots)", 0, backward(() ->
                moe.experts().forward(ps, new NDList(bare), true).singletonOrThrow().mul(rSlots).sum()));
    }

    /**
     * Replaces the MoE stages by parts: router (direct), dispatch + combine (routing path minus
     * router), experts (whole layer minus routing path).
     */
    private static List<Row> moeParts(List<Row> rows) {
        List<Row> out = new ArrayList<>();
        double router = find(rows, "moe: router");
        double path = find(rows, "moe: routing path");
        double whole = find(rows, "moe: whole layer");
        int n = rows.stream().filter(row -> row.name().equals("moe: whole layer")).findFirst().orElseThrow().perModel();
        for (Row row : rows) {
            if (!row.name().startsWith("moe: ")) {
                out.add(row);
            }
        }
        out.add(new Row("moe router (+routing plan, losses)", router, n));
        out.add(new Row("moe dispatch + combine", path - router, n));
        out.add(new Row("moe experts (layer - routing path)", whole - path, n));
        out.add(new Row("(moe experts alone, not summed)", find(rows, "moe: experts alone (same slots)"), 0));
        return out;
    }

    /** Router + dispatch + combine (timed together, identity experts) over the whole MoE layer. */
    private static double overhead(List<Row> rows) {
        return find(rows, "moe: routing path") / find(rows, "moe: whole layer");
    }

    private static double find(List<Row> rows, String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().msPerCall();
    }
}
