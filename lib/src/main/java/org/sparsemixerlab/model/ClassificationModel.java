package org.sparsemixerlab.model;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.sparsemixerlab.config.ModelConfig;
import org.sparsemixerlab.tensor.Weights;

/**
 * Encoder plus a classification (or, with one output, regression) head on the pooled output
 * (SPEC 1.8): {@code logits = pooled W_cls^T + b_cls}.
 *
 * <p>Inputs: ids, type ids, token mask ({@code [BATCH, SEQ]}). Outputs: logits {@code [BATCH,
 * CLASSES]}, then the encoder's aux loss, z-loss and MoE metrics.
 */
public final class ClassificationModel extends AbstractBlock {
    private static final byte VERSION = 1;
    /** Name of the head's parameters; fine-tuning re-initialises them (SPEC 1.8). */
    public static final String HEAD_PREFIX = "classifier_";

    private final ModelConfig config;
    private final int numClasses;
    private final SparseMixerEncoder encoder;
    private final Parameter kernel;
    private final Parameter bias;

    public ClassificationModel(ModelConfig config, int numClasses) {
        super(VERSION);
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be >= 1 (1 means regression); received " + numClasses);
        }
        this.config = config;
        this.numClasses = numClasses;
        this.encoder = addChildBlock("encoder", new SparseMixerEncoder(config));
        this.kernel = addParameter(Weights.normal(HEAD_PREFIX + "kernel", numClasses, config.dModel()));
        this.bias = addParameter(Weights.zeros(HEAD_PREFIX + "bias", numClasses));
    }

    public SparseMixerEncoder encoder() {
        return encoder;
    }

    public int numClasses() {
        return numClasses;
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        EncoderOutput out = EncoderOutput.of(encoder.forward(ps, inputs, training, params));
        Device dev = out.pooled().getDevice();
        var logits = Linear.linear(out.pooled(), ps.getValue(kernel, dev, training), ps.getValue(bias, dev, training))
                .singletonOrThrow();
        return new NDList(logits, out.auxLoss(), out.zLoss(), out.moeMetrics());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes[0], inputShapes[0], inputShapes[0]);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), numClasses), new Shape(), new Shape(),
            new Shape(config.layerMap().moeLayers().size(), 5)};
    }
}
