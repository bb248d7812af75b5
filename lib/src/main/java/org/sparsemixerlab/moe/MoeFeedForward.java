package org.sparsemixerlab.moe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.config.RoutingSpec;

/**
 * The Mixture-of-Experts feed-forward sublayer (SPEC 2.1): router, routing algorithm from the
 * configuration (looked up by name in {@link Routings}), dispatch (MASK or INDEX), E experts, combine with raw softmax probabilities.
 * Tokens that no expert processed get exactly 0 (the encoder's residual carries them).
 *
 * <p>Input NDList(x {@code [BATCH, SEQ, D_MODEL]}) or NDList(x, tokenMask {@code [BATCH, SEQ]},
 * float 1 = real, 0 = padding). Output: a {@link MoeOutput} as NDList (y {@code [BATCH, SEQ,
 * D_MODEL]}, auxLoss scalar, zLoss scalar, diagnostics {@code [3]} = (fraction left behind, expert
 * usage, router confidence)); read it with {@link MoeOutput#of}.
 * Training uses train_capacity_factor, router jitter and expert dropout; evaluation uses
 * eval_capacity_factor. Groups are consecutive runs of the row-major flattened {@code [BATCH *
 * SEQ]} tokens of size at most max_group_size (SPEC 2.2).
 *
 * <p>Padding: by default (the reference behaviour) padding tokens are routed like any token, so
 * they compete for expert capacity and count in losses and metrics; the token mask is then
 * ignored. With {@code exclude_padding_from_routing = true} and a token mask, padding tokens take
 * no slot, get no expert (MoE output 0) and are left out of the losses and metrics, so real tokens
 * never lose a slot to padding. This is a deliberate deviation from the reference and is off by
 * default.
 *
 * <p>Pass a {@link RoutingTrace} under {@link RoutingTrace#PARAM_KEY} in {@code params} to record
 * the routing decisions.
 */
public final class MoeFeedForward extends AbstractBlock {
    private static final byte VERSION = 1;
    private final ModelConfig config;
    private final int layerIndex;
    private final Router router;
    private final Experts experts;

    /**
     * @param c configuration (d_model, num_experts, expert_d_ff, routing and capacity settings)
     * @param layerIndex encoder layer index of this sublayer (used to label traces)
     */
    public MoeFeedForward(ModelConfig c, int layerIndex) {
        super(VERSION);
        if (c.numExperts() <= 0) {
            throw new IllegalArgumentException("MoeFeedForward needs num_experts > 0; got " + c.numExperts()
                    + ". Use a dense feed-forward for layers without experts.");
        }
        Routings.get(c.routingAlgorithm()); // an unknown name fails here, with the known names
        this.config = c;
        this.layerIndex = layerIndex;
        this.router = addChildBlock("router", new Router(c.dModel(), c.numExperts(), c.jitterNoise()));
        this.experts = addChildBlock("experts",
                new Experts(c.numExperts(), c.dModel(), c.expertDFf(), c.expertDropoutRate()));
    }

    public int layerIndex() { return layerIndex; }

    public Router router() { return router; }

    public Experts experts() { return experts; }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Shape s = x.getShape();
        if (s.dimension() != 3 || s.get(2) != config.dModel()) {
            throw new IllegalArgumentException("MoeFeedForward expects x [BATCH, SEQ, " + config.dModel() + "]; got "
                    + s + ".");
        }
        int batch = (int) s.get(0);
        int seq = (int) s.get(1);
        NDArray tokenMask = inputs.size() > 1 ? inputs.get(1) : null;
        if (tokenMask != null && !tokenMask.getShape().equals(new Shape(batch, seq))) {
            throw new IllegalArgumentException("tokenMask must be [" + batch + ", " + seq + "] (1 = real, 0 = padding); got "
                    + tokenMask.getShape() + ".");
        }
        int tokens = batch * seq;
        int g = ExpertCapacity.numGroups(tokens, config.maxGroupSize());
        int t = tokens / g;
        RoutingSpec spec = RoutingSpec.of(config, training);
        boolean[] routable = routableTokens(tokenMask);

        NDArray xg = x.reshape(g, t, s.get(2));
        NDArray logits = router.forward(ps, new NDList(xg), training, params).singletonOrThrow();
        RoutingPlan plan = Routings.of(spec).route(logits, spec, routable);
        NDArray expertIn = MoeDispatch.dispatch(plan, xg, config.dispatchForm());
        NDArray expertOut = experts.forward(ps, new NDList(expertIn), training, params).singletonOrThrow();
        NDArray y = MoeDispatch.combine(plan, expertOut, config.dispatchForm()).reshape(s);
        if (y.getDataType() != x.getDataType()) {
            y = y.toType(x.getDataType(), false);
        }
        NDArray metrics = x.getManager().create(new float[] {(float) plan.fractionLeftBehind(),
                (float) plan.expertUsage(), (float) plan.routerConfidence()});
        RoutingTrace trace = RoutingTrace.from(params);
        if (trace != null) {
            trace.record(layerIndex, batch, seq, routable, plan);
        }
        return new MoeOutput(y, plan.auxLoss(), plan.zLoss(), metrics).toList();
    }

    private boolean[] routableTokens(NDArray tokenMask) {
        if (tokenMask == null || !config.excludePaddingFromRouting()) {
            return null;
        }
        float[] m = tokenMask.toType(DataType.FLOAT32, false).toFloatArray();
        boolean[] r = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            r[i] = m[i] > 0.5f;
        }
        return r;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        router.initialize(manager, DataType.FLOAT32, new Shape(1, 1, config.dModel()));
        experts.initialize(manager, dataType, new Shape(config.numExperts(), 1, config.dModel()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0], new Shape(), new Shape(), new Shape(3)};
    }
}
