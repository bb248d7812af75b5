package org.sparsemixerlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.sparsemixerlab.config.LayerMap;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.mixing.Mixers;
import org.sparsemixerlab.moe.MoeFeedForward;
import org.sparsemixerlab.moe.MoeOutput;
import org.sparsemixerlab.tensor.Weights;

/**
 * The encoder: embeddings, {@code num_layers} blocks following the layer map, and the tanh pooler
 * on token 0 (SPEC 1.1). BERT, FNet and every Sparse Mixer variant are this class with different
 * configurations.
 *
 * <p>Inputs: token ids {@code [BATCH, SEQ]}, type ids {@code [BATCH, SEQ]}, token mask {@code
 * [BATCH, SEQ]} float (1 real, 0 padding). Outputs, in order (see {@link EncoderOutput}):
 * sequence {@code [BATCH, SEQ, D_MODEL]}, pooled {@code [BATCH, D_MODEL]}, summed MoE
 * load-balancing loss {@code []}, summed router z-loss {@code []}, per-MoE-layer metrics {@code
 * [MOE_LAYERS, 5]} (aux loss, z-loss, fraction left behind, expert usage, router confidence: the
 * order of {@link org.sparsemixerlab.moe.RoutingMetrics}).
 */
public final class SparseMixerEncoder extends AbstractBlock {
    private static final byte VERSION = 1;

    private final ModelConfig config;
    private final Embeddings embeddings;
    private final List<EncoderBlock> layers = new ArrayList<>();
    private final Parameter poolerKernel;
    private final Parameter poolerBias;

    public SparseMixerEncoder(ModelConfig config) {
        super(VERSION);
        this.config = config.validate();
        this.embeddings = addChildBlock("embeddings", new Embeddings(config));
        for (LayerMap.LayerSpec spec : config.layerMap().layers()) {
            Block mixing = Mixers.forLayer(config, spec.isAttention());
            Block ff = spec.isMoe()
                    ? new MoeFeedForward(config, spec.index())
                    : new DenseFeedForward(config.dModel(), config.dFf(), config.dropoutRate());
            layers.add(addChildBlock(String.format("layer_%02d", spec.index()),
                    new EncoderBlock(spec, config.dModel(), mixing, ff)));
        }
        this.poolerKernel = addParameter(Weights.normal("pooler_kernel", config.dModel(), config.dModel()));
        this.poolerBias = addParameter(Weights.zeros("pooler_bias", config.dModel()));
    }

    public ModelConfig config() {
        return config;
    }

    public Embeddings embeddings() {
        return embeddings;
    }

    /** The blocks in order. */
    public List<EncoderBlock> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The pooler: {@code tanh(H[:, 0] W^T + b)}, {@code [BATCH, D_MODEL]}. */
    public static NDArray pool(NDArray sequence, NDArray kernel, NDArray bias) {
        return Linear.linear(sequence.get(new NDIndex(":, 0, :")), kernel, bias).singletonOrThrow().tanh();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        NDArray typeIds = inputs.get(1);
        NDArray tokenMask = inputs.size() > 2 ? inputs.get(2) : ids.neq(0).toType(DataType.FLOAT32, false);
        NDArray h = embeddings.forward(ps, new NDList(ids, typeIds), training, params).head();
        List<NDArray> aux = new ArrayList<>();
        List<NDArray> z = new ArrayList<>();
        List<NDArray> metrics = new ArrayList<>();
        for (EncoderBlock layer : layers) {
            NDList out = layer.forward(ps, new NDList(h, tokenMask), training, params);
            h = out.head();
            if (MoeOutput.isMoe(out)) {
                MoeOutput moe = MoeOutput.of(out);
                aux.add(moe.auxLoss());
                z.add(moe.zLoss());
                metrics.add(moe.metricsRow());
            }
        }
        NDArray pooled = pool(h, ps.getValue(poolerKernel, h.getDevice(), training),
                ps.getValue(poolerBias, h.getDevice(), training));
        NDManager m = h.getManager();
        NDArray auxSum = sum(aux, m, h.getDevice());
        NDArray zSum = sum(z, m, h.getDevice());
        NDArray metricRows = metrics.isEmpty() ? m.zeros(new Shape(0, 5), DataType.FLOAT32, h.getDevice())
                : NDArrays.stack(new NDList(metrics));
        return new NDList(h, pooled, auxSum, zSum, metricRows);
    }

    /** Sum of per-layer scalars; {@code NDArrays.add} refuses a single operand, so one layer is returned as is. */
    private static NDArray sum(List<NDArray> parts, NDManager m, ai.djl.Device device) {
        if (parts.isEmpty()) {
            return m.zeros(new Shape(), DataType.FLOAT32, device);
        }
        return parts.size() == 1 ? parts.get(0) : NDArrays.add(parts.toArray(new NDArray[0]));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids, ids);
        Shape hidden = new Shape(ids.get(0), ids.get(1), config.dModel());
        for (EncoderBlock layer : layers) {
            layer.initialize(manager, dataType, hidden);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.dModel()),
            new Shape(ids.get(0), config.dModel()), new Shape(), new Shape(),
            new Shape(config.layerMap().moeLayers().size(), 5)};
    }
}
